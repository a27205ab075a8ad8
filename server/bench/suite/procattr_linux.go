package suite

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill the child if the suite dies without
// cleaning up (SIGKILL, a crash).
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// openFilesLimit is this process's hard limit on open files.
func openFilesLimit() (uint64, bool) {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, false
	}
	return l.Max, true
}

// flushDisks writes every dirty page the kernel holds to disk and waits.
func flushDisks() { syscall.Sync() }
