package servertest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var build struct {
	once sync.Once
	path string
	err  error
}

// Binary builds bin/parley once per test process and returns its path.
func Binary(t testing.TB) string {
	t.Helper()
	build.once.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			build.err = err
			return
		}
		dir, err := os.MkdirTemp("", "parley-bin-")
		if err != nil {
			build.err = err
			return
		}
		build.path = filepath.Join(dir, "parley")
		cmd := exec.Command("go", "build", "-o", build.path, "./server/cmd/parley")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			build.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.path
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}

// Process is a `parley serve` child process.
type Process struct {
	Addr string // 127.0.0.1:PORT
	URL  string
	WS   string
	env  []string
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan struct{}
}

// StartProcess runs `parley serve` with env (PARLEY_* settings) on addr
// ("" picks a free port) and waits until /readyz answers 200.
func StartProcess(t testing.TB, addr string, env map[string]string) *Process {
	t.Helper()
	if addr == "" {
		addr = fmt.Sprintf("127.0.0.1:%d", FreePort(t))
	}
	p := &Process{Addr: addr, URL: "http://" + addr, WS: "ws://" + addr}
	p.env = append(os.Environ(), "PARLEY_ADDR="+addr, "PARLEY_PUBLIC_URL=http://"+addr, "PARLEY_DEMO=false")
	for k, v := range env {
		p.env = append(p.env, k+"="+v)
	}
	p.start(t)
	t.Cleanup(func() { p.Kill() })
	return p
}

func (p *Process) start(t testing.TB) {
	t.Helper()
	p.cmd = exec.Command(Binary(t), "serve")
	p.cmd.Env = p.env
	p.out = &bytes.Buffer{}
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.done = make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(p.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.done:
			t.Fatalf("parley exited at start:\n%s", p.out)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("parley not ready after 15s:\n%s", p.out)
}

// Terminate sends SIGTERM and waits for the exit, returning how long the
// process took and its exit code.
func (p *Process) Terminate(t testing.TB, timeout time.Duration) (time.Duration, int) {
	t.Helper()
	start := time.Now()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(timeout):
		t.Fatalf("parley did not exit within %v of SIGTERM:\n%s", timeout, p.out)
	}
	return time.Since(start), p.cmd.ProcessState.ExitCode()
}

// Kill sends SIGKILL and waits.
func (p *Process) Kill() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

// Restart starts the process again with the same address and settings.
func (p *Process) Restart(t testing.TB) {
	t.Helper()
	p.Kill()
	p.start(t)
}

// Output returns what the process printed so far.
func (p *Process) Output() string { return p.out.String() }

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Run runs `parley args…` with env and returns its stdout's last line.
func Run(t testing.TB, env map[string]string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(context.Background(), Binary(t), args...)
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("parley %v: %v\n%s", args, err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1]
}
