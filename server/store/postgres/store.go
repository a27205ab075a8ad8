// Package postgres is the PostgreSQL implementation of store.Store, for
// several Parley nodes sharing one database. It runs the queries of
// internal/sqlstore through pgx v5's database/sql driver on one pool.
// Unlike SQLite, writers here run at once: appends lock the conversation
// row first, so seqs stay gap-free and retried sends are found, and
// inserts that race on a unique key are retried to find the winner.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"runtime"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/internal/sqlstore"
)

var _ store.Store = (*Store)(nil)

// migrateLockKey names the advisory lock held while migrating: any fixed
// number, the same on every node ("parley" in ASCII).
const migrateLockKey = 0x7061726c6579

// dialect is how the shared queries run on PostgreSQL.
var dialect = sqlstore.Dialect{
	Name:          "postgres",
	Numbered:      true,
	Greatest:      "GREATEST",
	Least:         "LEAST",
	ForUpdate:     " FOR UPDATE",
	Classify:      classify,
	MigrateLock:   fmt.Sprintf("SELECT pg_advisory_lock(%d)", migrateLockKey),
	MigrateUnlock: fmt.Sprintf("SELECT pg_advisory_unlock(%d)", migrateLockKey),
}

// Store is a store.Store kept in a PostgreSQL database.
type Store struct {
	*sqlstore.Store
	db   *sql.DB // the pool the embedded store reads and writes through
	pipe *pipeline
}

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database at url (postgres:// or postgresql://, with
// any libpq parameters pgx understands) and applies any pending
// migrations. `parley migrate` is Open followed by Close.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	// Every node keeps a bounded pool: PostgreSQL's max_connections is
	// shared by all of them.
	conns := max(8, 4*runtime.NumCPU())
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(time.Hour)
	s := &Store{Store: sqlstore.New(dialect, db, db), db: db}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err == nil {
		err = sqlstore.Migrate(ctx, dialect, db, sub)
	}
	if err != nil {
		_ = s.Close()
		return nil, err
	}
	s.pipe = newPipeline(s)
	return s, nil
}

// Close stops the append pipeline, then closes the pool.
func (s *Store) Close() error {
	if s.pipe != nil {
		s.pipe.close()
	}
	return s.Store.Close()
}
