package ws_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/parley-chat/parley/server/servertest"
)

// TestDatabaseUnavailable is fault F8: while the database cannot take
// writes, a send is answered with "unavailable", nothing reaches anyone
// else, and once the database is back the same socket sends again without
// a restart.
func TestDatabaseUnavailable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parley.db")
	n := servertest.Start(t, servertest.Options{DatabasePath: path})
	v := n.Dial(t, "/ws/visitor", "")
	v.VisitorHello(n.SiteKey, "")
	v.SendJSON(map[string]any{"type": "send", "id": "1", "conv": "", "cmid": "m1", "body": "first"})
	conv := v.Expect("ack")["conv"].(string)
	agent := n.Dial(t, "/ws/agent", "")
	agent.SendJSON(map[string]any{"type": "hello", "token": n.AgentToken})
	agent.Expect("welcome")

	// Another process holds the write lock: every write times out.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lock, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	v.Timeout = 20 * time.Second // the store waits out its 10 s busy timeout first
	v.SendJSON(map[string]any{"type": "send", "id": "2", "conv": conv, "cmid": "m2", "body": "while the disk is full"})
	e := v.Expect("error")
	if e["code"] != "unavailable" || e["id"] != "2" {
		t.Fatalf("error %v, want unavailable for request 2", e)
	}
	agent.Send(`{"type":"ping","id":"after"}`)
	if f := agent.Expect2("pong", "message"); f["type"] != "pong" {
		t.Fatalf("agent received %v for a write that failed", f)
	}

	if _, err := lock.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	_ = lock.Close()
	v.SendJSON(map[string]any{"type": "send", "id": "3", "conv": conv, "cmid": "m2", "body": "while the disk is full"})
	if a := v.Expect("ack"); a["seq"] != 2.0 {
		t.Fatalf("after recovery: %v, want seq 2 (no hole left by the failed write)", a)
	}
	if m := agent.Expect("message"); m["seq"] != 2.0 {
		t.Fatalf("agent got %v", m)
	}
}
