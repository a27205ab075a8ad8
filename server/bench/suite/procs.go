package suite

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// readyTimeout bounds how long a child may take to answer.
const readyTimeout = 30 * time.Second

// proc is one child process: a Parley node, a relay node or redis-server.
type proc struct {
	name  string
	addr  string // 127.0.0.1:PORT it listens on
	argv  []string
	env   []string
	ready func(context.Context, string) error // answers nil once addr serves

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
	out  *tail
}

// procs owns every child of a suite run, so that all are killed at the end.
type procs struct {
	mu   sync.Mutex
	list []*proc
}

// start runs argv with env (added to this process's environment without
// its PARLEY_* variables) and waits until it is ready. "{addr}" and
// "{port}" in argv and env become the free address picked for it.
func (ps *procs) start(ctx context.Context, name string, argv, env []string, ready func(context.Context, string) error) (*proc, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(addr)
	fill := strings.NewReplacer("{addr}", addr, "{port}", port)
	for i, a := range argv {
		argv[i] = fill.Replace(a)
	}
	for i, e := range env {
		env[i] = fill.Replace(e)
	}
	p := &proc{name: name, addr: addr, argv: argv, env: append(cleanEnv(), env...), ready: ready, out: newTail(64 << 10)}
	ps.mu.Lock()
	ps.list = append(ps.list, p)
	ps.mu.Unlock()
	return p, p.start(ctx)
}

// killAll kills every child still running.
func (ps *procs) killAll() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, p := range ps.list {
		p.kill()
	}
	ps.list = nil
}

func (p *proc) start(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	cmd := exec.Command(p.argv[0], p.argv[1:]...)
	cmd.Env, cmd.Stdout, cmd.Stderr = p.env, p.out, p.out
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("suite: start %s: %w", p.name, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	p.cmd, p.done = cmd, done
	if err := waitReady(ctx, p, done); err != nil {
		p.killLocked()
		return fmt.Errorf("suite: %s on %s: %w\n%s", p.name, p.addr, err, p.out.String())
	}
	return nil
}

func waitReady(ctx context.Context, p *proc, exited <-chan struct{}) error {
	deadline := time.Now().Add(readyTimeout)
	for {
		err := p.ready(ctx, p.addr)
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("exited at start: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not ready after %v: %w", readyTimeout, err)
		}
	}
}

// kill ends the child with SIGKILL, as a crash would, and waits for it.
func (p *proc) kill() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.killLocked()
}

func (p *proc) killLocked() {
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Kill()
	<-p.done
	p.cmd = nil
}

// url is the child's HTTP base URL.
func (p *proc) url() string { return "http://" + p.addr }

// httpReady is ready once GET path answers 200.
func httpReady(path string) func(context.Context, string) error {
	hc := &http.Client{Timeout: time.Second}
	return func(ctx context.Context, addr string) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+path, nil)
		if err != nil {
			return err
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: HTTP %d", path, resp.StatusCode)
		}
		return nil
	}
}

// freeAddr returns a 127.0.0.1 address that was free a moment ago.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("suite: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// cleanEnv is this process's environment without PARLEY_* settings, so
// that a child is configured by the suite alone.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PARLEY_") {
			out = append(out, kv)
		}
	}
	return out
}

// tail keeps the last max bytes a child printed.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func newTail(max int) *tail { return &tail{max: max} }

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

var errNoRedis = errors.New("suite: redis-server is not on PATH (Debian: apt-get install redis-server, or make services)")
