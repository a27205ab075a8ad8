package sqlstore

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// SQLite (modernc) prepares every statement anew on each call, and
// parsing SQL took a fifth of a busy node's CPU. With
// Dialect.CacheStatements the store keeps its statements prepared: the
// pools' as they are first used (poolStmts), the writer's transactions'
// up front (stmtCache).

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

// stmtCache keeps the statements of the writer's transactions prepared.
// They are prepared up front: the writer may have a single connection, which a transaction
// holds, so none can be prepared from inside one.
type stmtCache struct {
	m map[string]*sql.Stmt // bound query → statement; read-only after newStmtCache
}

// newStmtCache prepares queries (already bound) on db; one that does not
// prepare is left out, runs unprepared, and reports its error then.
func newStmtCache(ctx context.Context, db *sql.DB, queries []string) *stmtCache {
	c := &stmtCache{m: make(map[string]*sql.Stmt, len(queries))}
	for _, q := range queries {
		if st, err := db.PrepareContext(ctx, q); err == nil {
			c.m[q] = st
		}
	}
	return c
}

// get returns q prepared, or nil when it is not kept.
func (c *stmtCache) get(q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	return c.m[q]
}

// close closes the prepared statements.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	for _, st := range c.m {
		_ = st.Close()
	}
}
