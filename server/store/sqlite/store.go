// Package sqlite is the SQLite implementation of store.Store, built on the
// pure-Go modernc.org/sqlite driver. It keeps one writer connection, whose
// transactions all BEGIN IMMEDIATE so writers queue instead of failing on
// lock upgrades, and a separate pool of read-only connections; WAL mode lets
// the readers run while the writer commits.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"time"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/internal/sqlstore"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ store.Store = (*Store)(nil)

// defaultBusyTimeout is how long a connection waits for a lock before the
// operation fails with store.ErrUnavailable.
const defaultBusyTimeout = 10 * time.Second

// dialect is how the shared queries run on SQLite: its single writer
// serializes all writes, so rows need no locks.
var dialect = sqlstore.Dialect{Name: "sqlite", Greatest: "MAX", Least: "MIN", Classify: classify,
	GroupCommit: true, CacheStatements: true}

// Store is a store.Store kept in one SQLite database file.
type Store struct {
	*sqlstore.Store
	w    *sql.DB // the only writer: one connection, BEGIN IMMEDIATE
	r    *sql.DB // read-only pool
	ckpt *checkpointer
}

// Open opens (creating if needed) the database at path and applies any
// pending migrations. `parley migrate` is Open followed by Close.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, defaultBusyTimeout)
}

func open(ctx context.Context, path string, busy time.Duration) (*Store, error) {
	// Both pools must reach the same file, and the DSN takes its options
	// after a '?'.
	if path == "" || path == ":memory:" || strings.Contains(path, "?") {
		return nil, fmt.Errorf("sqlite: open: invalid path %q", path)
	}
	w, err := openDB(path, writerDSN(busy), 1)
	if err != nil {
		return nil, dialect.Wrap("open", err)
	}
	if err := migrate(ctx, w); err != nil {
		_ = w.Close()
		return nil, err
	}
	r, err := openDB(path, readerDSN(busy), max(4, runtime.NumCPU()))
	if err != nil {
		_ = w.Close()
		return nil, dialect.Wrap("open", err)
	}
	ckpt, err := startCheckpointer(path, busy)
	if err != nil {
		_ = w.Close()
		_ = r.Close()
		return nil, dialect.Wrap("open", err)
	}
	s := &Store{Store: sqlstore.New(dialect, w, r), w: w, r: r, ckpt: ckpt}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// Close stops the checkpointer, finishes the queued appends and closes the
// connections; the writer's close checkpoints what is left.
func (s *Store) Close() error {
	return errors.Join(s.ckpt.close(), s.Store.Close())
}

// writerDSN sets busy_timeout before journal_mode=WAL so that switching the
// journal mode waits for other connections instead of failing at once; the
// driver also always applies busy_timeout first, then the other _pragmas
// in name order (so a page_size here would come after journal_mode and do
// nothing). synchronous=NORMAL: a commit reaches the OS, not the disk;
// it survives the process dying but not a power cut (README, Durability). The writer keeps 64 MiB of
// pages (the default 2 MiB made a busy node re-read index pages for every
// batch). The checkpointer copies the WAL into the database file; the
// writer's own checkpoint, after 40,000 pages (160 MiB) instead of the
// default 1,000, is a backstop that also lets a busy WAL start over: under
// steady writes the checkpointer is never quite done, and the WAL restarts
// only once every frame is copied. At 10,000 pages the writer still did
// two fifths of the copying; at 40,000 a node sustains 7,800 msg/s where
// it sustained 7,300.
func writerDSN(busy time.Duration) string {
	return fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)"+
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"+
		"&_pragma=cache_size(-65536)&_pragma=wal_autocheckpoint(40000)&_txlock=immediate",
		busy.Milliseconds())
}

// readerDSN leaves the journal mode alone (WAL is persistent and the writer
// sets it first) and makes the connection refuse writes.
func readerDSN(busy time.Duration) string {
	return fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=query_only(1)",
		busy.Milliseconds())
}

func openDB(path, params string, conns int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path+"?"+params)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	return db, nil
}

//go:embed migrations/*.sql
var migrations embed.FS

// migrate applies the pending embedded migrations. Each runs in its own
// write transaction, so two processes opening the same file at once apply
// it once.
func migrate(ctx context.Context, w *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	return sqlstore.Migrate(ctx, dialect, w, sub)
}
