package testenv

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// redisStartTimeout bounds how long a fresh redis-server may take to answer.
const redisStartTimeout = 10 * time.Second

// RedisProcess is a redis-server owned by one test, which fault tests may
// kill and restart. Its methods are safe to call from any goroutine.
type RedisProcess struct {
	bin  string
	port int
	dir  string
	args []string // extra redis-server arguments

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
	log  syncBuffer    // redis-server's output, shown when the test fails
}

// StartRedis starts a private redis-server on a free port of 127.0.0.1,
// keeping nothing on disk, waits until it answers PING and stops it when the
// test ends. It returns the address to dial and the process.
func StartRedis(t testing.TB, args ...string) (addr string, ctl *RedisProcess) {
	t.Helper()
	bin := RequireRedisServer(t)
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		// Another process may take the free port before redis binds it.
		ctl = &RedisProcess{bin: bin, port: FreePort(t), dir: t.TempDir(), args: args}
		if err = ctl.start(); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("testenv: %v\n%s", err, ctl.log.String())
	}
	t.Cleanup(func() {
		_ = ctl.Kill()
		if t.Failed() {
			t.Logf("redis-server on %s said:\n%s", ctl.Addr(), ctl.log.String())
		}
	})
	return ctl.Addr(), ctl
}

// Addr is the host:port the server listens on, the same after Restart.
func (r *RedisProcess) Addr() string {
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(r.port))
}

// Port is the TCP port the server listens on.
func (r *RedisProcess) Port() int { return r.port }

// Kill ends the server abruptly with SIGKILL, as a crash would, and waits
// until it has exited. Killing a stopped server does nothing.
func (r *RedisProcess) Kill() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.kill()
}

// Restart starts the server again on the same port (killing it first if it
// is running) and waits until it answers PING. It comes back empty.
func (r *RedisProcess) Restart() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.kill(); err != nil {
		return err
	}
	// The port may linger briefly after a kill; retry the bind for a while.
	deadline := time.Now().Add(redisStartTimeout)
	for {
		err := r.startLocked()
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (r *RedisProcess) start() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.startLocked()
}

func (r *RedisProcess) startLocked() error {
	args := []string{"--port", strconv.Itoa(r.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", r.dir, "--daemonize", "no", "--logfile", ""}
	cmd := exec.Command(r.bin, append(args, r.args...)...)
	cmd.Stdout, cmd.Stderr = &r.log, &r.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	r.cmd, r.done = cmd, done
	if err := waitReady(r.Addr(), cmd.Process.Pid, done); err != nil {
		_ = r.kill()
		return fmt.Errorf("redis-server on port %d: %w", r.port, err)
	}
	return nil
}

func (r *RedisProcess) kill() error {
	if r.cmd == nil {
		return nil
	}
	select {
	case <-r.done:
	default:
		if err := r.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			return fmt.Errorf("kill redis-server: %w", err)
		}
		<-r.done
	}
	r.cmd = nil
	return nil
}

// waitReady polls addr until the redis-server with process id pid answers,
// the process exits or the start timeout passes. Checking the pid matters:
// if another server took the port first, this one exits while that one
// answers.
func waitReady(addr string, pid int, exited <-chan struct{}) error {
	deadline := time.Now().Add(redisStartTimeout)
	for {
		got, err := serverPID(addr)
		if err == nil && got != pid {
			err = fmt.Errorf("port taken by another redis-server (pid %d)", got)
		}
		select {
		case <-exited:
			return fmt.Errorf("exited before answering: %v", err)
		default:
		}
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not ready within %v: %w", redisStartTimeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serverPID asks the Redis server at addr for its process id.
func serverPID(addr string) (int, error) {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte("INFO server\r\n")); err != nil {
		return 0, err
	}
	rd := bufio.NewReader(conn)
	head, err := rd.ReadString('\n')
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(head, "$")))
	if !strings.HasPrefix(head, "$") || err != nil {
		return 0, fmt.Errorf("INFO answered %q", head)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(rd, body); err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(body), "\r\n") {
		if v, ok := strings.CutPrefix(line, "process_id:"); ok {
			return strconv.Atoi(v)
		}
	}
	return 0, errors.New("INFO server has no process_id")
}

// Ping sends a raw PING to the Redis server at addr and expects +PONG.
func Ping(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if line != "+PONG\r\n" {
		return fmt.Errorf("PING answered %q", line)
	}
	return nil
}

// syncBuffer collects a child's output, written and read from several
// goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
