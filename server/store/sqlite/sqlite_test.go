package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/storetest"
)

// openTemp opens a store in a fresh file under t.TempDir and closes it at
// cleanup. It returns the path too, for tests that reopen the file.
func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, _ := openTemp(t)
		return s
	})
}

func TestContractNodes(t *testing.T) {
	storetest.RunNodes(t, func(t *testing.T) (store.Store, store.Store) {
		a, path := openTemp(t)
		b, err := Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = b.Close() })
		return a, b
	})
}

func TestPragmas(t *testing.T) {
	s, _ := openTemp(t)
	cases := []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{s.w, "journal_mode", "wal"},
		{s.w, "busy_timeout", "10000"},
		{s.w, "foreign_keys", "1"},
		{s.w, "synchronous", "1"}, // NORMAL
		{s.w, "query_only", "0"},
		{s.w, "wal_autocheckpoint", "40000"}, // a backstop: the checkpointer copies
		{s.w, "cache_size", "-65536"},
		{s.ckpt.db, "busy_timeout", "10000"},
		{s.ckpt.db, "query_only", "0"},
		{s.r, "journal_mode", "wal"},
		{s.r, "busy_timeout", "10000"},
		{s.r, "foreign_keys", "1"},
		{s.r, "query_only", "1"},
	}
	for _, tc := range cases {
		var got string
		if err := tc.db.QueryRowContext(t.Context(), "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %q, want %q (writer: %v)", tc.pragma, got, tc.want, tc.db == s.w)
		}
	}
}

func TestReaderRefusesWrites(t *testing.T) {
	s, _ := openTemp(t)
	_, err := s.r.ExecContext(t.Context(), "DELETE FROM sites")
	if err == nil {
		t.Fatal("a read-pool connection accepted a write")
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	s, path := openTemp(t)
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("embedded migrations: %v %v", files, err)
	}
	if err := migrate(t.Context(), s.w); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	var n int
	if err := s2.r.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(files) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(files))
	}
}

func TestDataSurvivesReopen(t *testing.T) {
	ctx := t.Context()
	s, path := openTemp(t)
	site, err := s.CreateSite(ctx, store.Site{Name: "Shop", Origins: []string{"https://shop.example"}})
	mustOK(t, err)
	v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: "th"})
	mustOK(t, err)
	c, _, err := s.StartConversation(ctx, site.ID, v.ID, store.NewMessage{AuthorKind: "visitor",
		AuthorID: v.ID, CMID: "c1", Body: "hi"})
	mustOK(t, err)
	_, err = s.AppendMessage(ctx, store.NewMessage{ConvID: c.ID, AuthorKind: "agent", AuthorID: "a1",
		CMID: "r1", Body: "hello"})
	mustOK(t, err)
	mustOK(t, s.Close())

	s2, err := Open(ctx, path)
	mustOK(t, err)
	defer s2.Close()
	got, err := s2.SiteByKey(ctx, site.Key)
	mustOK(t, err)
	if got.ID != site.ID || got.Origins[0] != "https://shop.example" {
		t.Errorf("site after reopen = %+v", got)
	}
	msgs, err := s2.MessagesAfter(ctx, c.ID, 0, 0)
	mustOK(t, err)
	if len(msgs) != 2 || msgs[1].Body != "hello" || msgs[1].Seq != 2 {
		t.Errorf("messages after reopen = %+v", msgs)
	}
}

// TestLockedIsUnavailable holds the write lock from another connection past
// the busy timeout: the store must report ErrUnavailable with the operation.
func TestLockedIsUnavailable(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := open(ctx, path, 50*time.Millisecond)
	mustOK(t, err)
	defer s.Close()
	site, err := s.CreateSite(ctx, store.Site{Name: "Shop"})
	mustOK(t, err)

	other, err := sql.Open("sqlite", path)
	mustOK(t, err)
	defer other.Close()
	conn, err := other.Conn(ctx)
	mustOK(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	mustOK(t, err)
	defer conn.ExecContext(context.Background(), "ROLLBACK")

	site.Name = "Locked out"
	_, err = s.UpdateSite(ctx, site)
	if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), "update site") {
		t.Errorf("update under lock: err = %v, want ErrUnavailable with the operation", err)
	}
	_, err = s.AppendMessage(ctx, store.NewMessage{ConvID: "c_x", AuthorKind: "agent", AuthorID: "a", CMID: "m", Body: "b"})
	if !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("append under lock: err = %v, want ErrUnavailable", err)
	}
	if _, err := s.SiteByID(ctx, site.ID); err != nil {
		t.Errorf("reads must go on while a writer holds the lock: %v", err)
	}
}

func TestOpenRejectsBadPath(t *testing.T) {
	for _, path := range []string{"", ":memory:", "x.db?mode=ro"} {
		if s, err := Open(t.Context(), path); err == nil {
			_ = s.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
