package sqlite

import (
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/internal/sqlstore"
)

// TestCMIDOrderMigration builds a database as it was before 0006, with a
// conversation and its messages, and opens it: the messages are all there,
// the repeat check still answers a retried send with the first copy, and
// its index now leads with the cmid.
func TestCMIDOrderMigration(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	w, err := openDB(path, writerDSN(defaultBusyTimeout), 1)
	mustOK(t, err)
	mustOK(t, sqlstore.Migrate(ctx, dialect, w, migrationsBefore(t, "0006")))
	for _, q := range []string{
		`INSERT INTO sites (id, key, name, created_at) VALUES ('s1', 'k1', 'Shop', 1)`,
		`INSERT INTO visitors (id, site_id, token_hash, created_at, last_seen_at) VALUES ('v1', 's1', 'th', 1, 1)`,
		`INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, start_cmid, created_at, updated_at)
			VALUES ('c1', 's1', 'v1', 'open', 2, 'x1', 1, 2)`,
		`INSERT INTO messages (id, conversation_id, seq, author_kind, author_id, cmid, body, created_at)
			VALUES ('m1', 'c1', 1, 'visitor', 'v1', 'x1', 'hi', 1), ('m2', 'c1', 2, 'agent', 'a1', 'y1', 'hello', 2)`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustOK(t, w.Close())

	s, err := Open(ctx, path)
	mustOK(t, err)
	defer s.Close()
	msgs, err := s.MessagesAfter(ctx, "c1", 0, 0)
	mustOK(t, err)
	if len(msgs) != 2 || msgs[0].CMID != "x1" || msgs[1].Body != "hello" {
		t.Fatalf("messages after migrating = %+v", msgs)
	}
	again, err := s.AppendMessage(ctx, store.NewMessage{ConvID: "c1", AuthorKind: "agent", AuthorID: "a1", CMID: "y1", Body: "hello"})
	mustOK(t, err)
	if again.Created || again.Seq != 2 || again.ID != "m2" {
		t.Errorf("retried send after migrating = %+v, want the stored m2", again)
	}
	var first string
	err = s.r.QueryRowContext(ctx, `SELECT ii.name FROM pragma_index_list('messages') il, pragma_index_info(il.name) ii
		WHERE il."unique" AND ii.seqno = 0 AND EXISTS (SELECT 1 FROM pragma_index_info(il.name) WHERE name = 'author_id')`).Scan(&first)
	mustOK(t, err)
	if first != "cmid" {
		t.Errorf("the repeat check's index leads with %q, want cmid", first)
	}
}

// migrationsBefore is the embedded migrations older than version.
func migrationsBefore(t *testing.T, version string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(migrations, "migrations")
	mustOK(t, err)
	names, err := fs.Glob(sub, "*.sql")
	mustOK(t, err)
	old := fstest.MapFS{}
	for _, n := range names {
		if n < version {
			b, err := fs.ReadFile(sub, n)
			mustOK(t, err)
			old[n] = &fstest.MapFile{Data: b}
		}
	}
	return old
}
