// Package sqlstore is store.Store written once in SQL that SQLite and
// PostgreSQL both run. The sqlite and postgres packages open the database,
// describe their Dialect (placeholders, a few function names, row locks,
// error codes) and embed a *Store; every query lives here, once.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/parley-chat/parley/server/store"
)

var _ store.Store = (*Store)(nil)

// Dialect is what differs between the databases the store runs on.
type Dialect struct {
	// Name prefixes errors, as in "postgres: append message: …".
	Name string
	// Numbered rewrites each ? placeholder as $1, $2, … before it is sent.
	Numbered bool
	// Greatest and Least are the two-argument max and min functions.
	Greatest, Least string
	// ForUpdate ends a SELECT of a row the transaction is about to change,
	// so that concurrent writers of that row queue; "" where all writers
	// are serialized anyway.
	ForUpdate string
	// Classify maps a driver error onto store.ErrConflict, ErrNotFound or
	// ErrUnavailable, or returns nil.
	Classify func(error) error
	// GroupCommit lets appends that arrive together share a transaction
	// (see groupCommit); only for databases with one serialized writer.
	GroupCommit bool
	// CacheStatements keeps the writer's statements prepared, for drivers
	// that do not (pgx caches its own).
	CacheStatements bool
	// MigrateLock and MigrateUnlock, when set, bracket the migrations on
	// one connection so that nodes starting at once apply each only once.
	MigrateLock, MigrateUnlock string
}

// Wrap prefixes err with the dialect and the operation and maps what the
// database reports onto the store's sentinel errors, keeping the original
// error in the chain. sql.ErrNoRows is store.ErrNotFound.
func (d Dialect) Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %s: %w", d.Name, op, store.ErrNotFound)
	}
	if errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s: %s: %w", d.Name, op, err)
	}
	if kind := d.Classify(err); kind != nil {
		return fmt.Errorf("%s: %s: %w: %w", d.Name, op, kind, err)
	}
	return fmt.Errorf("%s: %s: %w", d.Name, op, err)
}

// Store is a store.Store on a database/sql writer pool and reader pool,
// which may be the same pool.
type Store struct {
	d     Dialect
	w     conn         // writes, and reads that must see the latest commit
	r     conn         // reads
	batch *groupCommit // with Dialect.GroupCommit
}

// New returns a store writing through w and reading through r (w again
// where one pool serves both). Close closes them.
func New(d Dialect, w, r *sql.DB) *Store {
	b := &binder{numbered: d.Numbered}
	s := &Store{d: d, w: conn{db: w, b: b}, r: conn{db: r, b: b}}
	if d.CacheStatements {
		bound := make([]string, len(appendStatements))
		for i, q := range appendStatements {
			bound[i] = b.bind(q)
		}
		s.w.stmts = &poolStmts{db: w}
		s.w.stmts.warm(context.Background(), bound)
		if r != w {
			s.r.stmts = &poolStmts{db: r}
		} else {
			s.r.stmts = s.w.stmts
		}
	}
	if d.GroupCommit {
		s.batch = newGroupCommit(s)
	}
	return s
}

// Ping runs a trivial query on the writer and on the read pool.
func (s *Store) Ping(ctx context.Context) error {
	for _, c := range s.pools() {
		var one int
		if err := c.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
			return s.d.Wrap("ping", err)
		}
	}
	return nil
}

// Close finishes the queued appends and closes the connection pools.
func (s *Store) Close() error {
	if s.batch != nil {
		s.batch.close()
	}
	s.w.stmts.close()
	if s.r.stmts != s.w.stmts {
		s.r.stmts.close()
	}
	var errs []error
	for _, c := range s.pools() {
		errs = append(errs, c.db.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s: close: %w", s.d.Name, err)
	}
	return nil
}

// pools lists the reader and the writer, once each.
func (s *Store) pools() []conn {
	if s.r.db == s.w.db {
		return []conn{s.w}
	}
	return []conn{s.r, s.w}
}

// wrap is s's Dialect.Wrap.
func (s *Store) wrap(op string, err error) error { return s.d.Wrap(op, err) }

// write runs fn in one transaction on the writer and wraps any error with
// op. fn returns raw errors; sql.ErrNoRows means not found.
func (s *Store) write(ctx context.Context, op string, fn func(tx *Tx) error) error {
	return s.wrap(op, s.inTx(ctx, fn))
}

// writeIdempotent is write for operations that first look for an earlier
// copy of what they insert (a retried send). When two nodes insert the same
// thing at once, the later insert is a unique violation once the earlier
// commits; running fn again then finds the earlier copy.
func (s *Store) writeIdempotent(ctx context.Context, op string, fn func(tx *Tx) error) error {
	const attempts = 3
	var err error
	for range attempts {
		err = s.inTx(ctx, fn)
		if !errors.Is(s.d.Classify(err), store.ErrConflict) {
			break
		}
	}
	return s.wrap(op, err)
}

func (s *Store) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = sqlTx.Rollback() }() // no-op after Commit
	if err := fn(&Tx{tx: sqlTx, b: s.w.b, forUpdate: s.d.ForUpdate, stmts: s.w.stmts}); err != nil {
		return err
	}
	return sqlTx.Commit()
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

// notFoundOr returns err, or sql.ErrNoRows when err is nil: for a statement
// that succeeded but touched no row.
func notFoundOr(err error) error {
	if err != nil {
		return err
	}
	return sql.ErrNoRows
}
