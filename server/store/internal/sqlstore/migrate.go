package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Migrate applies, in file-name order, every *.sql file of migrations not
// yet recorded in schema_migrations, each in its own transaction with its
// bookkeeping row. It runs on one connection of db, holding the dialect's
// MigrateLock when it has one, so that several processes opening the same
// database at once apply each migration once.
func Migrate(ctx context.Context, d Dialect, db *sql.DB, migrations fs.FS) (err error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return d.Wrap("migrate", err)
	}
	defer func() { _ = c.Close() }()
	if d.MigrateLock != "" {
		if _, err := c.ExecContext(ctx, d.MigrateLock); err != nil {
			return d.Wrap("migrate: lock", err)
		}
		defer func() {
			// A lock left behind would go with the connection anyway; Close
			// returns the connection to the pool, so release it here.
			if _, uerr := c.ExecContext(context.WithoutCancel(ctx), d.MigrateUnlock); uerr != nil && err == nil {
				err = d.Wrap("migrate: unlock", uerr)
			}
		}()
	}
	const table = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    TEXT PRIMARY KEY,
		applied_at BIGINT NOT NULL)`
	if _, err := c.ExecContext(ctx, table); err != nil {
		return d.Wrap("migrate", err)
	}
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return fmt.Errorf("%s: migrate: %w", d.Name, err)
	}
	sort.Strings(names)
	b := &binder{numbered: d.Numbered}
	for _, name := range names {
		if err := applyMigration(ctx, c, b, migrations, name); err != nil {
			return d.Wrap("migrate "+name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, c *sql.Conn, b *binder, migrations fs.FS, name string) error {
	sqlTx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = sqlTx.Rollback() }() // no-op after Commit
	tx := &Tx{tx: sqlTx, b: b}
	version := strings.TrimSuffix(name, ".sql")
	var n int
	err = tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", version).Scan(&n)
	if err != nil || n > 0 {
		return err
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	// No arguments: drivers send the file as one multi-statement script.
	if _, err := sqlTx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
		version, ms(now()))
	if err != nil {
		return err
	}
	return sqlTx.Commit()
}
