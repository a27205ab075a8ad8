// Package servertest starts real Parley nodes for tests: in-process on a
// real SQLite file, or as `parley serve` processes that a test can SIGTERM
// or kill. It also provides raw WebSocket helpers for protocol tests.
package servertest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-chat/parley/server"
	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/store"
)

// SiteOrigin is the allowed origin of the test site.
const SiteOrigin = "https://shop.test"

// Node is an in-process server with a site, an agent and an API token.
type Node struct {
	URL        string // http://127.0.0.1:PORT
	WS         string // ws://127.0.0.1:PORT
	Server     *server.Server
	SiteKey    string
	AgentToken string
	Agent      store.Agent

	addr   string
	cfg    config.Config
	cancel context.CancelFunc
	done   chan error
}

// Options adjust a node.
type Options struct {
	DatabasePath string // default: a file in t.TempDir()
	// DatabaseURL overrides DatabasePath with any PARLEY_DATABASE_URL.
	DatabaseURL string
	// RedisURL makes the node one of several sharing this Redis.
	RedisURL string
	// Join makes the node another node of the same cluster as an earlier
	// one: the same database, site, agent and token, no provisioning.
	Join      *Node
	Configure func(*config.Config)
}

// Start runs a node until the test ends.
func Start(t testing.TB, opts Options) *Node {
	t.Helper()
	if opts.DatabasePath == "" {
		opts.DatabasePath = filepath.Join(t.TempDir(), "parley.db")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.FromEnv(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr, cfg.DatabaseURL, cfg.PublicURL = l.Addr().String(), "sqlite:"+opts.DatabasePath, "http://"+l.Addr().String()
	cfg.RedisURL = opts.RedisURL
	if opts.DatabaseURL != "" {
		cfg.DatabaseURL = opts.DatabaseURL
	}
	if opts.Join != nil {
		cfg.DatabaseURL = opts.Join.cfg.DatabaseURL
	}
	cfg.ShutdownGrace, cfg.VisitorRate, cfg.VisitorBurst, cfg.NewVisitorRate = 5*time.Second, 6000, 1000, 100000
	if opts.Configure != nil {
		opts.Configure(&cfg)
	}
	n := &Node{URL: "http://" + cfg.Addr, WS: "ws://" + cfg.Addr, addr: cfg.Addr, cfg: cfg}
	n.serve(t, l)
	if j := opts.Join; j != nil {
		n.SiteKey, n.Agent, n.AgentToken = j.SiteKey, j.Agent, j.AgentToken
	} else {
		n.provision(t)
	}
	t.Cleanup(func() { n.Stop() })
	return n
}

func (n *Node) serve(t testing.TB, l net.Listener) {
	t.Helper()
	s, err := server.New(context.Background(), n.cfg, Logger())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n.Server, n.cancel, n.done = s, cancel, make(chan error, 1)
	go func() { n.done <- s.Serve(ctx, l) }()
}

func (n *Node) provision(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	site, err := admin.CreateSite(ctx, n.Server.Store, "Test shop", []string{SiteOrigin})
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := admin.AddAgent(ctx, n.Server.Store, "agent@shop.test", "Ada Agent", store.RoleOwner)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := admin.AddToken(ctx, n.Server.Store, a.Email, "test")
	if err != nil {
		t.Fatal(err)
	}
	n.SiteKey, n.Agent, n.AgentToken = site.Key, a, tok
}

// Stop shuts the node down gracefully (as on SIGTERM) and waits.
func (n *Node) Stop() error {
	if n.cancel == nil {
		return nil
	}
	n.cancel()
	n.cancel = nil
	return <-n.done
}

// Restart stops the node and starts it again on the same address and
// database, keeping its site, agent and token.
func (n *Node) Restart(t testing.TB) {
	t.Helper()
	if err := n.Stop(); err != nil {
		t.Logf("stop: %v", err)
	}
	var l net.Listener
	var err error
	for range 50 { // the old listener's port may take a moment to free
		if l, err = net.Listen("tcp", n.addr); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	n.serve(t, l)
}

// Logger is the logger nodes use in tests: quiet unless PARLEY_TEST_LOG is
// set.
func Logger() *slog.Logger {
	if os.Getenv("PARLEY_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
