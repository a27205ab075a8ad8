package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
)

// querier is what conn and Tx have in common.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// binder rewrites the ? placeholders the queries are written with into the
// dialect's, remembering each rewrite: the set of queries is small.
type binder struct {
	numbered bool
	cache    sync.Map // query → rewritten query
}

// bind returns q with each ? replaced by $1, $2, … when numbered. The
// queries hold no ? inside string literals.
func (b *binder) bind(q string) string {
	if !b.numbered {
		return q
	}
	if v, ok := b.cache.Load(q); ok {
		return v.(string)
	}
	var sb strings.Builder
	n := 0
	for i := range len(q) {
		if q[i] != '?' {
			sb.WriteByte(q[i])
			continue
		}
		n++
		sb.WriteString("$" + strconv.Itoa(n))
	}
	b.cache.Store(q, sb.String())
	return sb.String()
}

// conn is a connection pool that binds placeholders.
type conn struct {
	db    *sql.DB
	b     *binder
	stmts *poolStmts // nil: the driver prepares each statement each time
}

// QueryRowContext runs a query expected to return at most one row.
func (c conn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	q = c.b.bind(q)
	if st := c.stmts.get(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.db.QueryRowContext(ctx, q, args...)
}

// QueryContext runs a query returning rows.
func (c conn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = c.b.bind(q)
	if st := c.stmts.get(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.db.QueryContext(ctx, q, args...)
}

// ExecContext runs a statement returning no rows.
func (c conn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	q = c.b.bind(q)
	if st := c.stmts.get(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.db.ExecContext(ctx, q, args...)
}

// Tx is a write transaction that binds placeholders.
type Tx struct {
	tx        *sql.Tx
	b         *binder
	forUpdate string     // the dialect's row-lock suffix
	stmts     *poolStmts // the writer's; nil: the driver prepares each statement each time
}

// QueryRowContext runs a query expected to return at most one row.
func (t *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	q = t.b.bind(q)
	if st := t.stmts.prepared(q); st != nil {
		return t.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

// QueryContext runs a query returning rows.
func (t *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.b.bind(q), args...)
}

// ExecContext runs a statement returning no rows.
func (t *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	q = t.b.bind(q)
	if st := t.stmts.prepared(q); st != nil {
		return t.tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
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
