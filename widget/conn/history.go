package conn

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// History fetches up to limit (at most 100) messages of conv with seq <
// before (0: the newest), oldest first. It needs a welcomed session
// (ErrOffline otherwise); a refusal is returned as a *protocol.Error. It
// does not feed the client's own tracking: it is for showing older
// messages.
func (c *Client) History(ctx context.Context, conv string, before int64, limit int) ([]protocol.Msg, error) {
	c.mu.Lock()
	s := c.online()
	c.mu.Unlock()
	if s == nil {
		return nil, ErrOffline
	}
	return c.history(ctx, s, conv, before, limit)
}

func (c *Client) history(ctx context.Context, s *session, conv string, before int64, limit int) ([]protocol.Msg, error) {
	limit = min(max(limit, 0), protocol.MaxHistoryLimit)
	ch := make(chan protocol.ServerFrame, 1)
	c.mu.Lock()
	id := c.newID("h")
	c.hist[id] = ch
	s.write(&protocol.HistoryRequest{Type: protocol.TypeHistory, ID: id, Conv: conv, Before: before, Limit: limit})
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.hist, id)
		c.mu.Unlock()
	}()
	select {
	case f := <-ch:
		if e, ok := f.(*protocol.Error); ok {
			return nil, fmt.Errorf("conn: history: %w", e)
		}
		return f.(*protocol.History).Messages, nil
	case <-s.done:
		return nil, ErrDisconnected
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fillGap starts a goroutine that pages conv's gaps in through history,
// unless one already runs for session s. Call with c.mu held.
func (c *Client) fillGap(s *session, conv string) {
	if c.filling[conv] == s {
		return
	}
	if _, _, ok := c.seqs.Gap(conv); !ok {
		return
	}
	c.filling[conv] = s
	go c.fill(s, conv)
}

func (c *Client) fill(s *session, conv string) {
	for c.fillStep(s, conv) {
	}
}

// fillStep fetches the first page of conv's first gap and feeds it to the
// tracker. It reports whether to go on; when it does not, it has cleared
// the filling mark under the same lock that saw no gap, so that a gap
// opening later starts a new filler.
func (c *Client) fillStep(s *session, conv string) bool {
	c.mu.Lock()
	from, to, ok := c.seqs.Gap(conv)
	if !ok || c.sess != s {
		c.stopFill(s, conv)
		c.mu.Unlock()
		return false
	}
	c.mu.Unlock()
	n := min(to-from+1, protocol.MaxHistoryLimit)
	msgs, err := c.history(context.Background(), s, conv, from+n, int(n))
	if err != nil {
		return c.fillFailed(s, conv, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != s {
		c.stopFill(s, conv)
		return false
	}
	for i := range msgs {
		c.onMessage(s, &protocol.Message{Type: protocol.TypeMessage, Conv: conv, Seq: msgs[i].Seq, Msg: msgs[i]})
	}
	if c.seqs.Last(conv) < from {
		c.stopFill(s, conv)
		c.ev.push(Event{Kind: EventError, Conv: conv, Err: fmt.Errorf("conn: history of %s has no seq %d", conv, from)})
		return false
	}
	return true
}

// fillFailed decides, after a failed history request, whether to retry.
func (c *Client) fillFailed(s *session, conv string, err error) bool {
	var e *protocol.Error
	if errors.As(err, &e) && (e.Code == protocol.CodeRateLimited || e.Code == protocol.CodeUnavailable) {
		wait := time.Duration(e.RetryAfterMS) * time.Millisecond
		if wait <= 0 {
			wait = defaultRetry
		}
		select {
		case <-time.After(wait):
			return true
		case <-s.done:
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopFill(s, conv)
	if !errors.Is(err, ErrDisconnected) && c.sess == s {
		c.ev.push(Event{Kind: EventError, Conv: conv, Err: err})
	}
	return false
}

// stopFill clears the filling mark of s for conv. Call with c.mu held.
func (c *Client) stopFill(s *session, conv string) {
	if c.filling[conv] == s {
		delete(c.filling, conv)
	}
}
