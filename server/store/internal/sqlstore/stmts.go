package sqlstore

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// SQLite (modernc) prepares every statement anew on each call, and
// parsing SQL took a fifth of a busy node's CPU. With
// Dialect.CacheStatements each pool keeps its statements prepared as they
// are first used. Transactions use the writer's, but never prepare one:
// the writer may have a single connection, which the transaction holds;
// the statements they need are prepared up front (warm).

// maxPooledStmts bounds the statements a pool keeps: searches and filters
// build queries from parts, and a rare one need not stay prepared.
const maxPooledStmts = 256

// poolStmts keeps a pool's statements prepared as they are first used.
type poolStmts struct {
	db *sql.DB
	n  atomic.Int32
	m  sync.Map // bound query → *sql.Stmt
}

// get returns q prepared on the pool, or nil when p is nil, full, or q
// does not prepare (the caller then runs it unprepared and sees why).
func (p *poolStmts) get(ctx context.Context, q string) *sql.Stmt {
	if p == nil {
		return nil
	}
	if st, ok := p.m.Load(q); ok {
		return st.(*sql.Stmt)
	}
	if p.n.Load() >= maxPooledStmts {
		return nil
	}
	st, err := p.db.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	if prev, loaded := p.m.LoadOrStore(q, st); loaded {
		_ = st.Close()
		return prev.(*sql.Stmt)
	}
	p.n.Add(1)
	return st
}

// warm prepares queries now, for transactions, which only look up.
func (p *poolStmts) warm(ctx context.Context, queries []string) {
	for _, q := range queries {
		p.get(ctx, q)
	}
}

// prepared returns q if it is already prepared, else nil; it never
// prepares, so a transaction holding the only connection can call it.
func (p *poolStmts) prepared(q string) *sql.Stmt {
	if p == nil {
		return nil
	}
	if st, ok := p.m.Load(q); ok {
		return st.(*sql.Stmt)
	}
	return nil
}

// close closes the prepared statements.
func (p *poolStmts) close() {
	if p == nil {
		return
	}
	p.m.Range(func(_, st any) bool {
		_ = st.(*sql.Stmt).Close()
		return true
	})
}
