package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/parley-chat/parley/server/internal/batch"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
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

// appendSerialized is appendMessage for a writer that holds the database
// alone. Most appends are new messages to a known conversation, and for
// those it inserts first, taking the seq from the conversation in the same
// statement, and then moves the conversation on: two statements, and the
// insert's unique CMID index is the repeat check. When the insert stores
// nothing (a repeat, or no such conversation for this author) it looks for
// the earlier copy before taking a seq, so a repeat writes nothing and
// needs no rollback. wrote reports whether an error came after a change
// the transaction must not keep.
func appendSerialized(ctx context.Context, tx *Tx, m store.NewMessage) (msg store.Message, wrote bool, err error) {
	at := now()
	msg, err = insertNext(ctx, tx, m, at)
	switch {
	case err == nil:
		msg, err = advance(ctx, tx, m, msg, at)
		return msg, err != nil, err
	case !errors.Is(err, sql.ErrNoRows):
		return store.Message{}, false, err // a failed statement changes nothing
	}
	prev, err := earlierCopy(ctx, tx, m)
	if err == nil {
		return prev, false, nil // Created false
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return store.Message{}, false, err
	}
	seq, status, err := takeSeq(ctx, tx, m, at)
	if err != nil {
		return store.Message{}, false, err // the UPDATE changed nothing
	}
	msg, err = finishAppend(ctx, tx, m, seq, status, at)
	return msg, err != nil, err
}

// insertNext stores m with its conversation's next seq; sql.ErrNoRows when
// it stored nothing.
func insertNext(ctx context.Context, tx *Tx, m store.NewMessage, at time.Time) (store.Message, error) {
	msg := store.Message{ID: store.NewID("m"), ConvID: m.ConvID, AuthorKind: m.AuthorKind, AuthorID: m.AuthorID,
		AuthorName: m.AuthorName, CMID: m.CMID, Body: m.Body, At: at, Created: true}
	err := tx.QueryRowContext(ctx, qInsertNext, msg.ID, m.AuthorKind, m.AuthorID, m.AuthorName, m.CMID, m.Body,
		ms(at), m.ConvID, m.AuthorKind, m.AuthorID).Scan(&msg.Seq)
	return msg, err
}

// advance moves the conversation past msg, which insertNext stored, and
// reopens it when msg does.
func advance(ctx context.Context, tx *Tx, m store.NewMessage, msg store.Message, at time.Time) (store.Message, error) {
	seq, status, err := takeSeq(ctx, tx, m, at)
	if err != nil {
		return store.Message{}, err
	}
	if seq != msg.Seq {
		return store.Message{}, fmt.Errorf("conversation %s: seq %d stored, the conversation moved to %d", m.ConvID, msg.Seq, seq)
	}
	if !reopens(m.AuthorKind, status) {
		return msg, nil
	}
	msg.Reopened = true
	_, err = tx.ExecContext(ctx, qReopen, protocol.StatusOpen, m.ConvID)
	return msg, err
}
