// Package testenv finds or starts the outside services that Parley's tests
// need: redis-server, PostgreSQL and Chromium. A missing service skips the
// test, unless PARLEY_TEST_REQUIRE names it ("all" or a comma list of
// "redis", "postgres", "chromium"), in which case the test fails: CI sets
// PARLEY_TEST_REQUIRE=all so that it never passes by skipping.
package testenv

import (
	"context"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parley-chat/parley/server/internal/pgschema"
)

// Service names as PARLEY_TEST_REQUIRE spells them.
const (
	Redis    = "redis"
	Postgres = "postgres"
	Chrome   = "chromium"
)

// DefaultDatabaseURL is used when PARLEY_TEST_DATABASE_URL is not set.
const DefaultDatabaseURL = pgschema.DefaultURL

// installHint is what to run to get each service, printed when one is missing.
var installHint = map[string]string{
	Redis:    "apt-get install -y --no-install-recommends redis-server (or run: make services)",
	Postgres: "apt-get install -y --no-install-recommends postgresql && pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or run: make services), then set PARLEY_TEST_DATABASE_URL",
	Chrome:   "apt-get install -y --no-install-recommends chromium (or run: make services)",
}

// Required reports whether PARLEY_TEST_REQUIRE demands service.
func Required(service string) bool {
	return requiredIn(os.Getenv("PARLEY_TEST_REQUIRE"), service)
}

func requiredIn(list, service string) bool {
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s == "all" || s == service {
			return true
		}
	}
	return false
}

// missing skips or fails t because service is unavailable.
func missing(t testing.TB, service, why string) {
	t.Helper()
	if Required(service) {
		t.Fatalf("%s unavailable (%s) and PARLEY_TEST_REQUIRE=%q demands it; install with: %s",
			service, why, os.Getenv("PARLEY_TEST_REQUIRE"), installHint[service])
	}
	t.Skipf("%s unavailable (%s), skipping; install with: %s", service, why, installHint[service])
}

// RequireRedisServer returns the path of redis-server from PATH.
func RequireRedisServer(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		missing(t, Redis, "redis-server is not on PATH")
	}
	return path
}

// Chromium returns the path of a Chromium binary: $PARLEY_TEST_CHROMIUM, or
// chromium, chromium-browser or google-chrome from PATH.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("PARLEY_TEST_CHROMIUM"); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
		missing(t, Chrome, "PARLEY_TEST_CHROMIUM="+p+" is not executable")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	missing(t, Chrome, "chromium is not on PATH")
	return ""
}

// PostgresURL returns the test database URL, PARLEY_TEST_DATABASE_URL or
// DefaultDatabaseURL, after checking that a connection to it works.
func PostgresURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("PARLEY_TEST_DATABASE_URL")
	if url == "" {
		url = DefaultDatabaseURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err == nil {
		err = conn.Ping(ctx)
		conn.Close(ctx)
	}
	if err != nil {
		missing(t, Postgres, "cannot connect with PARLEY_TEST_DATABASE_URL: "+err.Error())
	}
	return url
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testenv: free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
