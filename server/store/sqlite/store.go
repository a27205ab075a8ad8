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
	"sort"
	"strings"
	"time"

	"github.com/parley-chat/parley/server/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ store.Store = (*Store)(nil)

// defaultBusyTimeout is how long a connection waits for a lock before the
// operation fails with store.ErrUnavailable.
const defaultBusyTimeout = 10 * time.Second

// Store is a store.Store kept in one SQLite database file.
type Store struct {
	w *sql.DB // the only writer: one connection, BEGIN IMMEDIATE
	r *sql.DB // read-only pool
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
		return nil, wrap("open", err)
	}
	if err := migrate(ctx, w); err != nil {
		_ = w.Close()
		return nil, err
	}
	r, err := openDB(path, readerDSN(busy), max(4, runtime.NumCPU()))
	if err != nil {
		_ = w.Close()
		return nil, wrap("open", err)
	}
	s := &Store{w: w, r: r}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// writerDSN sets busy_timeout before journal_mode=WAL so that switching the
// journal mode waits for other connections instead of failing at once; the
// driver also always applies busy_timeout first.
func writerDSN(busy time.Duration) string {
	return fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)"+
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate",
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

// Ping runs a trivial query on the writer and on the read pool.
func (s *Store) Ping(ctx context.Context) error {
	for _, db := range []*sql.DB{s.w, s.r} {
		var one int
		if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
			return wrap("ping", err)
		}
	}
	return nil
}

// Close closes both connection pools.
func (s *Store) Close() error {
	err := errors.Join(s.r.Close(), s.w.Close())
	if err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

//go:embed migrations/*.sql
var migrations embed.FS

// migrate applies, in file-name order, every embedded migration not yet
// recorded in schema_migrations. Each runs in its own write transaction, so
// two processes opening the same file at once apply it once.
func migrate(ctx context.Context, w *sql.DB) error {
	const table = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    TEXT PRIMARY KEY,
		applied_at BIGINT NOT NULL)`
	if _, err := w.ExecContext(ctx, table); err != nil {
		return wrap("migrate", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	sort.Strings(names)
	s := &Store{w: w}
	for _, name := range names {
		op := "migrate " + strings.TrimPrefix(name, "migrations/")
		if err := s.write(ctx, op, func(tx *sql.Tx) error { return applyMigration(ctx, tx, name) }); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, tx *sql.Tx, name string) error {
	version := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
	var n int
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", version).Scan(&n)
	if err != nil || n > 0 {
		return err
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
		version, ms(now()))
	return err
}

// write runs fn in one BEGIN IMMEDIATE transaction on the writer and wraps
// any error with op. fn returns raw errors; sql.ErrNoRows means not found.
func (s *Store) write(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit
	if err := fn(tx); err != nil {
		return wrap(op, err)
	}
	return wrap(op, tx.Commit())
}

// now is the store's clock, truncated to what the schema keeps.
func now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// ms converts t to unix milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS converts unix milliseconds back to UTC; 0 is the zero time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

// orNow returns t, or the current time when t is zero.
func orNow(t time.Time) time.Time {
	if t.IsZero() {
		return now()
	}
	return t.UTC().Truncate(time.Millisecond)
}

// orNewID returns id, or a fresh one with prefix when id is empty.
func orNewID(id, prefix string) string {
	if id == "" {
		return store.NewID(prefix)
	}
	return id
}

// scanner is what *sql.Row and *sql.Rows have in common.
type scanner interface {
	Scan(dest ...any) error
}

// collect scans every row of rows with scan. No rows is an empty, non-nil
// slice, so it encodes as [] rather than null.
func collect[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
