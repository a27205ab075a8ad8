package postgres

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/parley-chat/parley/server/internal/batch"
	"github.com/parley-chat/parley/server/store"
)

// Pipeline sizes.
const (
	maxPipelined = 128 // appends in one batch
	pipelines    = 2   // batches in flight per node
	// batchTimeout bounds a batch; its appends then go one by one, each
	// with its caller's context.
	batchTimeout = 10 * time.Second
)

// pipeline sends the appends that arrive together as one batch of
// qAppendOnce statements: one round trip and one commit for all of them,
// since PostgreSQL runs a batch ended by one Sync as one implicit
// transaction. Each batch locks its conversations in id order, so
// batches of this node and of others never deadlock. A lone append waits
// for nothing.
type pipeline struct {
	s    *Store
	reqs *batch.Queue[*pipedAppend]
	wg   sync.WaitGroup
}

// pipedAppend is one append waiting for its batch. ok false sends it the
// transactional way (see Store.AppendMessage).
type pipedAppend struct {
	ctx  context.Context
	m    store.NewMessage
	msg  store.Message
	ok   bool
	err  error
	done chan struct{}
}

func newPipeline(s *Store) *pipeline {
	p := &pipeline{s: s, reqs: batch.NewQueue[*pipedAppend](maxPipelined)}
	for range pipelines {
		p.wg.Go(p.run)
	}
	return p
}

// append stores m in the next batch. ok is false when the batch could not
// decide it (a repeat, an unknown conversation, a lost CMID race, or a
// batch that failed as a whole), and err is then nil.
func (p *pipeline) append(ctx context.Context, m store.NewMessage) (msg store.Message, ok bool, err error) {
	r := &pipedAppend{ctx: ctx, m: m, done: make(chan struct{})}
	if err := p.reqs.Put(ctx, r); errors.Is(err, batch.ErrClosed) {
		return store.Message{}, false, nil // the store is closing: alone, it fails
	} else if err != nil {
		return store.Message{}, false, dialect.Wrap("append message", err)
	}
	<-r.done
	return r.msg, r.ok, r.err
}

func (p *pipeline) close() {
	p.reqs.Close()
	p.wg.Wait()
}

func (p *pipeline) run() {
	p.reqs.Each(maxPipelined, func(reqs []*pipedAppend) {
		p.send(reqs)
		for _, r := range reqs {
			close(r.done)
		}
	})
}

// send runs a batch. Appends to one conversation keep their order.
func (p *pipeline) send(reqs []*pipedAppend) {
	slices.SortStableFunc(reqs, func(a, b *pipedAppend) int { return cmp.Compare(a.m.ConvID, b.m.ConvID) })
	// One caller giving up must not fail the others.
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	defer cancel()
	conn, err := p.s.db.Conn(ctx)
	if err != nil {
		for _, r := range reqs {
			r.err = dialect.Wrap("append message", err)
		}
		return
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		return p.exchange(ctx, dc.(*stdlib.Conn).Conn(), reqs)
	})
	if err != nil {
		for _, r := range reqs {
			r.ok, r.err = false, nil // decided one by one instead
		}
	}
}

// exchange sends the batch on c and reads each append's outcome.
func (p *pipeline) exchange(ctx context.Context, c *pgx.Conn, reqs []*pipedAppend) error {
	b := &pgx.Batch{}
	for _, r := range reqs {
		r.msg = newMessage(r.m)
		b.Queue(qAppendOnce, appendArgs(r.m, r.msg)...)
	}
	br := c.SendBatch(ctx, b)
	for _, r := range reqs {
		var before string
		err := br.QueryRow().Scan(&r.msg.Seq, &before)
		switch {
		case err == nil:
			r.ok = true
			r.msg.Reopened = reopened(r.m, before)
		case errors.Is(err, pgx.ErrNoRows), errors.Is(err, sql.ErrNoRows):
			// a repeat or an unknown conversation: decided alone
		default:
			_ = br.Close()
			return err
		}
	}
	return br.Close()
}
