package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/parley-chat/parley/server/internal/batch"
	"github.com/parley-chat/parley/server/store"
)

// maxBatch bounds how many appends share one transaction.
const maxBatch = 256

// linger is how a busy group commit waits for company. A transaction's
// cost is mostly the pages it writes to the WAL, and those grow slower
// than its batch: a page of the conversations table or of an index holds
// rows of several of the batch's messages. So after a batch of four or
// more, the next one waits a millisecond before it starts. A lone append,
// or a trickle, never waits. At 8,000 msg/s offered to one node this cut
// the node's CPU per message from 139–146 µs to 115–138 (four runs each).
var linger = batch.Linger{After: 4, For: time.Millisecond}

// groupCommit stores appends in shared transactions: appends that arrive
// while one transaction commits wait and then go in the next one
// together. A lone append waits for nothing. On SQLite most of an
// append's cost is its commit (writing the changed pages to the WAL), and
// a batch writes each page once, so this multiplies the rate a node can
// persist. Only dialects whose writers are serialized anyway use it: a
// batch never races another writer.
type groupCommit struct {
	s     *Store
	reqs  *batch.Queue[*appendReq]
	heads *heads // used by run's goroutine only
	done  chan struct{}
}

// appendReq is one AppendMessage, or one StartConversation, waiting for
// its batch.
type appendReq struct {
	ctx   context.Context
	m     store.NewMessage
	start *startReq // a StartConversation; nil for an append
	conv  store.Conversation
	msg   store.Message
	err   error
	done  chan struct{}
}

// startReq is what a StartConversation adds to its message.
type startReq struct{ siteID, visitorID string }

// op names the request in errors.
func (r *appendReq) op() string {
	if r.start != nil {
		return "start conversation"
	}
	return "append message"
}

func newGroupCommit(s *Store) *groupCommit {
	g := &groupCommit{s: s, reqs: batch.NewQueue[*appendReq](maxBatch), heads: newHeads(), done: make(chan struct{})}
	go g.run()
	return g
}

// append queues m and waits for its transaction.
func (g *groupCommit) append(ctx context.Context, m store.NewMessage) (store.Message, error) {
	r := &appendReq{ctx: ctx, m: m, done: make(chan struct{})}
	g.wait(r)
	return r.msg, r.err
}

// startConversation queues a new conversation and its first message, so
// that a burst of new visitors (a campaign landing) shares transactions
// with the appends instead of taking the writer one at a time.
func (g *groupCommit) startConversation(ctx context.Context, siteID, visitorID string, m store.NewMessage) (store.Conversation, store.Message, error) {
	r := &appendReq{ctx: ctx, m: m, start: &startReq{siteID, visitorID}, done: make(chan struct{})}
	g.wait(r)
	return r.conv, r.msg, r.err
}

// wait queues r and waits until its transaction is done.
func (g *groupCommit) wait(r *appendReq) {
	if err := g.reqs.Put(r.ctx, r); errors.Is(err, batch.ErrClosed) {
		r.err = g.s.wrap(r.op(), errors.New("store closed"))
		return
	} else if err != nil {
		r.err = g.s.wrap(r.op(), err)
		return
	}
	// Once queued the request runs even if ctx ends: a caller that gives
	// up then learns nothing, and a retry with the same CMID finds it.
	<-r.done
}

// close stops the batcher after the queued appends are done.
func (g *groupCommit) close() {
	g.reqs.Close()
	<-g.done
}

func (g *groupCommit) run() {
	defer close(g.done)
	g.reqs.EachLinger(maxBatch, linger, func(reqs []*appendReq) {
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
				r.err = g.s.wrap(r.op(), err)
				continue
			}
			if wrote := g.one(ctx, tx, r); r.err != nil && wrote {
				dirty = true
				return r.err
			}
			r.err = g.s.wrap(r.op(), r.err)
		}
		return nil
	})
	if err != nil {
		g.heads.failed()
	} else {
		g.heads.committed()
	}
	switch {
	case err == nil:
	case dirty:
		for _, r := range reqs {
			g.alone(r)
		}
	default:
		for _, r := range reqs {
			r.conv, r.msg, r.err = store.Conversation{}, store.Message{}, g.s.wrap(r.op(), err)
		}
	}
}

// one runs r in the batch's transaction; wrote reports whether it failed
// after writing, which spoils the transaction for the others.
func (g *groupCommit) one(ctx context.Context, tx *Tx, r *appendReq) (wrote bool) {
	if r.start == nil {
		r.msg, wrote, r.err = appendSerialized(ctx, tx, r.m, g.heads)
		return wrote
	}
	r.conv, r.msg, wrote, r.err = startSerialized(ctx, tx, r.start.siteID, r.start.visitorID, r.m, g.heads)
	return wrote
}

// alone runs r in a transaction of its own.
func (g *groupCommit) alone(r *appendReq) {
	if r.start == nil {
		r.msg, r.err = g.s.appendAlone(r.ctx, r.m)
		return
	}
	r.conv, r.msg, r.err = g.s.startAlone(r.ctx, r.start.siteID, r.start.visitorID, r.m)
}
