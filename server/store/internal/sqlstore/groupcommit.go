package sqlstore

import (
	"context"
	"errors"

	"github.com/parley-chat/parley/server/internal/batch"
	"github.com/parley-chat/parley/server/store"
)

// maxBatch bounds how many appends share one transaction.
const maxBatch = 256

// groupCommit stores appends in shared transactions: appends that arrive
// while one transaction commits wait and then go in the next one
// together. A lone append waits for nothing. On SQLite most of an
// append's cost is its commit (writing the changed pages to the WAL), and
// a batch writes each page once, so this multiplies the rate a node can
// persist. Only dialects whose writers are serialized anyway use it: a
// batch never races another writer.
type groupCommit struct {
	s    *Store
	reqs *batch.Queue[*appendReq]
	done chan struct{}
}

// appendReq is one AppendMessage waiting for its batch.
type appendReq struct {
	ctx  context.Context
	m    store.NewMessage
	msg  store.Message
	err  error
	done chan struct{}
}

func newGroupCommit(s *Store) *groupCommit {
	g := &groupCommit{s: s, reqs: batch.NewQueue[*appendReq](maxBatch), done: make(chan struct{})}
	go g.run()
	return g
}

// append queues m and waits for its transaction.
func (g *groupCommit) append(ctx context.Context, m store.NewMessage) (store.Message, error) {
	r := &appendReq{ctx: ctx, m: m, done: make(chan struct{})}
	if err := g.reqs.Put(ctx, r); errors.Is(err, batch.ErrClosed) {
		return store.Message{}, g.s.wrap("append message", errors.New("store closed"))
	} else if err != nil {
		return store.Message{}, g.s.wrap("append message", err)
	}
	// Once queued the append runs even if ctx ends: a caller that gives up
	// then learns nothing, and a retry with the same CMID finds the message.
	<-r.done
	return r.msg, r.err
}

// close stops the batcher after the queued appends are done.
func (g *groupCommit) close() {
	g.reqs.Close()
	<-g.done
}

func (g *groupCommit) run() {
	defer close(g.done)
	g.reqs.Each(maxBatch, func(reqs []*appendReq) {
		g.commit(reqs)
		for _, r := range reqs {
			close(r.done)
		}
	})
}

// commit stores a batch in one transaction. If an append fails after it
// wrote, the transaction is rolled back and each append runs again on its
// own, so that each gets its own outcome; if the transaction itself fails
// (the database is locked or gone), every append gets that error.
func (g *groupCommit) commit(reqs []*appendReq) {
	// The statements run on the reqs's context: one caller giving up must
	// not interrupt the others' transaction.
	ctx := context.Background()
	dirty := false
	err := g.s.inTx(ctx, func(tx *Tx) error {
		for _, r := range reqs {
			if err := r.ctx.Err(); err != nil {
				r.err = g.s.wrap("append message", err)
				continue
			}
			var wrote bool
			r.msg, wrote, r.err = appendSerialized(ctx, tx, r.m)
			if r.err != nil && wrote {
				dirty = true
				return r.err
			}
			r.err = g.s.wrap("append message", r.err)
		}
		return nil
	})
	switch {
	case err == nil:
	case dirty:
		for _, r := range reqs {
			r.msg, r.err = g.s.appendAlone(r.ctx, r.m)
		}
	default:
		for _, r := range reqs {
			r.msg, r.err = store.Message{}, g.s.wrap("append message", err)
		}
	}
}
