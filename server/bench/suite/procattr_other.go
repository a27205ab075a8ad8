//go:build !linux

package suite

import "os/exec"

// dieWithParent does nothing where the kernel cannot tie a child's life to
// its parent's; the suite still kills its children when it returns.
func dieWithParent(*exec.Cmd) {}

// openFilesLimit is unknown here: counts are not clamped.
func openFilesLimit() (uint64, bool) { return 0, false }

// flushDisks does nothing here.
func flushDisks() {}
