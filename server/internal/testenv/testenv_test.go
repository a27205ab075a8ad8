package testenv

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestRequiredIn(t *testing.T) {
	tests := []struct {
		list, service string
		want          bool
	}{
		{"", Redis, false},
		{"all", Redis, true},
		{"all", Chrome, true},
		{"redis", Redis, true},
		{"redis", Postgres, false},
		{"postgres, chromium", Chrome, true},
		{"postgres,chromium", Redis, false},
		{"redis-server", Redis, false},
	}
	for _, tc := range tests {
		if got := requiredIn(tc.list, tc.service); got != tc.want {
			t.Errorf("requiredIn(%q, %q) = %v, want %v", tc.list, tc.service, got, tc.want)
		}
	}
}

func TestFreePort(t *testing.T) {
	p := FreePort(t)
	if p <= 0 || p > 65535 {
		t.Fatalf("FreePort = %d", p)
	}
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
	if err != nil {
		t.Fatalf("port %d from FreePort cannot be bound: %v", p, err)
	}
	l.Close()
}

func TestStartRedisKillRestart(t *testing.T) {
	addr, ctl := StartRedis(t)
	if addr != ctl.Addr() {
		t.Fatalf("StartRedis addr %q, ctl.Addr() %q", addr, ctl.Addr())
	}
	if err := Ping(addr); err != nil {
		t.Fatalf("PING a fresh redis-server: %v", err)
	}
	if err := ctl.Kill(); err != nil {
		t.Fatalf("Kill: %v", err)
	}
	if err := Ping(addr); err == nil {
		t.Fatal("redis-server still answers after Kill")
	}
	if err := ctl.Kill(); err != nil {
		t.Fatalf("second Kill: %v", err)
	}
	if err := ctl.Restart(); err != nil {
		t.Fatalf("Restart: %v", err)
	}
	if err := Ping(addr); err != nil {
		t.Fatalf("PING after Restart on the same address: %v", err)
	}
	if err := ctl.Restart(); err != nil {
		t.Fatalf("Restart while running: %v", err)
	}
	if err := Ping(addr); err != nil {
		t.Fatalf("PING after second Restart: %v", err)
	}
}

func TestStartRedisTwice(t *testing.T) {
	a, _ := StartRedis(t)
	b, _ := StartRedis(t)
	if a == b {
		t.Fatalf("two servers share %s", a)
	}
	for _, addr := range []string{a, b} {
		if err := Ping(addr); err != nil {
			t.Errorf("PING %s: %v", addr, err)
		}
	}
}

func TestPostgresURL(t *testing.T) {
	url := PostgresURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("PostgresURL returned %q but connecting fails: %v", url, err)
	}
	defer conn.Close(ctx)
	var one int
	if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 = %d, %v", one, err)
	}
}

func TestPostgresURLMissing(t *testing.T) {
	t.Setenv("PARLEY_TEST_DATABASE_URL", "postgres://nobody@127.0.0.1:"+strconv.Itoa(FreePort(t))+"/x?sslmode=disable&connect_timeout=1")
	for _, tc := range []struct{ require, want string }{
		{"", "skip"}, {"redis", "skip"}, {"postgres", "fatal"}, {"all", "fatal"},
	} {
		t.Setenv("PARLEY_TEST_REQUIRE", tc.require)
		got, msg := outcome(func(tb testing.TB) { PostgresURL(tb) })
		if got != tc.want || !strings.Contains(msg, "apt-get install -y --no-install-recommends postgresql") {
			t.Errorf("PARLEY_TEST_REQUIRE=%q: PostgresURL did %s (%q), want %s with the install command", tc.require, got, msg, tc.want)
		}
	}
}

func TestChromium(t *testing.T) {
	path := Chromium(t)
	out, err := exec.Command(path, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("%s --version: %v\n%s", path, err, out)
	}
	t.Logf("%s", out)
}

// outcome runs f with a recording testing.TB and tells whether f returned,
// skipped or failed, and with what message.
func outcome(f func(tb testing.TB)) (result, msg string) {
	tb := &recorder{result: "return"}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(tb)
	}()
	<-done
	return tb.result, tb.msg
}

// recorder stands in for a *testing.T in a goroutine of its own, so that
// Skipf and Fatalf can end it the way the real ones end a test.
type recorder struct {
	testing.TB
	result, msg string
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(format string, args ...any) { r.end("skip", format, args) }

func (r *recorder) Fatalf(format string, args ...any) { r.end("fatal", format, args) }

func (r *recorder) end(result, format string, args []any) {
	r.result, r.msg = result, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
