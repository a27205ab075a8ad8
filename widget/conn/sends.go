package conn

import (
	"context"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// defaultRetry is the wait before re-sending after rate_limited or
// unavailable when the error names none.
const defaultRetry = time.Second

// pendingSend is a send not yet acked or failed.
type pendingSend struct {
	cmid, conv, body string
	note             bool
	sent             bool      // written on the current session
	tried            bool      // ever written: the server may hold it
	retryAt          time.Time // not before this (rate_limited, unavailable)
}

// outbox holds the pending sends in the order they were made, indexed by
// cmid: every frame a client receives is looked up in it, and an agent can
// have thousands of sends pending.
type outbox struct {
	list   []*pendingSend
	byCMID map[string]*pendingSend
	// next is where flush starts: every send before it is written on the
	// current session and names its conversation. Anything that makes an
	// earlier send writable again resets it.
	next int
}

func (o *outbox) add(p *pendingSend) {
	if o.byCMID == nil {
		o.byCMID = make(map[string]*pendingSend)
	}
	o.list = append(o.list, p)
	o.byCMID[p.cmid] = p
}

func (o *outbox) find(cmid string) *pendingSend {
	return o.byCMID[cmid] // nil for "" and unknown cmids
}

// remove drops p. Acks mostly come in order, so p is usually near the front.
func (o *outbox) remove(p *pendingSend) {
	delete(o.byCMID, p.cmid)
	for i, q := range o.list {
		if q == p {
			o.list = append(o.list[:i], o.list[i+1:]...)
			if i < o.next {
				o.next--
			}
			return
		}
	}
}

// bind points the conv-"" sends queued behind the one just acked at the
// conversation it created.
func (o *outbox) bind(conv string) {
	for _, p := range o.list {
		if p.conv == "" {
			p.conv = conv
		}
	}
	o.next = 0
}

// unsend marks every send as needing to go out again (after a reconnect).
func (o *outbox) unsend() {
	for _, p := range o.list {
		p.sent, p.retryAt = false, time.Time{}
	}
	o.next = 0
}

// retryLater marks p as needing to go out again at at.
func (o *outbox) retryLater(p *pendingSend, at time.Time) {
	p.sent, p.retryAt = false, at
	o.next = 0
}

// triedNew reports whether a conv-"" send may have reached the server.
func (o *outbox) triedNew() bool {
	for _, p := range o.list {
		if p.conv == "" && p.tried {
			return true
		}
	}
	return false
}

type sendResult struct {
	ack protocol.Ack
	err error
}

// Send queues a message to conv and returns its cmid. It goes out at once
// when online, else after the next welcome, and is re-sent with the same
// cmid after every reconnect until it is acked (EventAck) or fails for good
// (EventSendFailed).
//
// conv "" starts the visitor's new conversation. Only one conv-"" send is
// on the wire at a time: further conv-"" sends wait behind it and, once its
// ack names the new conversation, go to that conversation, so a burst of
// first messages never opens two conversations. If the first one fails for
// good, the next conv-"" send takes its place. A Send("") made after that
// ack starts another conversation: name the conversation from the ack.
func (c *Client) Send(conv, body string) string { return c.queue(conv, body, false, nil) }

// SendNote queues an internal note (agents only); see Send.
func (c *Client) SendNote(conv, body string) string { return c.queue(conv, body, true, nil) }

// SendWait sends and waits for the ack. When ctx ends first the send stays
// queued; only the wait is abandoned. A permanent failure is returned as a
// *protocol.Error.
func (c *Client) SendWait(ctx context.Context, conv, body string) (protocol.Ack, error) {
	ch := make(chan sendResult, 1)
	cmid := c.queue(conv, body, false, ch)
	select {
	case r := <-ch:
		return r.ack, r.err
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.waiters, cmid)
		c.mu.Unlock()
		return protocol.Ack{}, ctx.Err()
	}
}

func (c *Client) queue(conv, body string, note bool, ch chan sendResult) string {
	p := &pendingSend{cmid: newCMID(time.Now()), conv: conv, body: body, note: note}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.out.add(p)
	if ch != nil {
		c.waiters[p.cmid] = ch
	}
	c.flush()
	return p.cmid
}

// flush writes, in order, every pending send that may go out now. Call with
// c.mu held.
func (c *Client) flush() {
	s := c.online()
	if s == nil {
		return
	}
	now, seenNew, prefix := time.Now(), false, true
	for i := c.out.next; i < len(c.out.list); i++ {
		p := c.out.list[i]
		if p.conv == "" {
			if seenNew {
				continue // waits for the first conv-"" send's ack
			}
			seenNew = true
		}
		switch {
		case p.sent:
		case p.retryAt.After(now):
			c.scheduleRetry(p.retryAt)
		default:
			s.write(&protocol.Send{Type: protocol.TypeSend, ID: p.cmid, Conv: p.conv, CMID: p.cmid, Body: p.body, Note: p.note})
			p.sent, p.tried, p.retryAt = true, true, time.Time{}
		}
		// The written prefix ends at the first send left unwritten or
		// without a conversation yet.
		if prefix = prefix && p.sent && p.conv != ""; prefix {
			c.out.next = i + 1
		}
	}
}

// sendError handles an error frame answering pending send p: retry later,
// or drop it and report the failure.
func (c *Client) sendError(p *pendingSend, e *protocol.Error) {
	switch e.Code {
	case protocol.CodeRateLimited, protocol.CodeUnavailable:
		wait := time.Duration(e.RetryAfterMS) * time.Millisecond
		if wait <= 0 {
			wait = defaultRetry
		}
		c.out.retryLater(p, time.Now().Add(wait))
		c.scheduleRetry(p.retryAt)
		return
	}
	c.out.remove(p)
	c.ev.push(Event{Kind: EventSendFailed, Conv: p.conv, CMID: p.cmid, Note: p.note, Frame: e, Err: e})
	c.settle(p.cmid, sendResult{err: e})
	c.flush()
}

// settle completes SendWait for cmid, if one waits.
func (c *Client) settle(cmid string, r sendResult) {
	if ch, ok := c.waiters[cmid]; ok {
		delete(c.waiters, cmid)
		ch <- r // buffered
	}
}

// scheduleRetry makes sure flush runs at at. Call with c.mu held.
func (c *Client) scheduleRetry(at time.Time) {
	if c.retry != nil && !c.retryAt.After(at) {
		return
	}
	if c.retry != nil {
		c.retry.Stop()
	}
	var t *time.Timer
	t = time.AfterFunc(time.Until(at), func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.retry == t {
			c.retry = nil
		}
		c.flush()
	})
	c.retry, c.retryAt = t, at
}

// Typing tells the conversation whether the user is typing. It is best
// effort: dropped while offline.
func (c *Client) Typing(conv string, on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.online(); s != nil {
		s.write(&protocol.Typing{Type: protocol.TypeTyping, Conv: conv, On: on})
	}
}

// MarkRead tells the conversation the user has read up to seq. It is best
// effort: dropped while offline.
func (c *Client) MarkRead(conv string, seq int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.online(); s != nil {
		s.write(&protocol.Read{Type: protocol.TypeRead, Conv: conv, Seq: seq})
	}
}

// Viewing tells the other agents whether the user has conv open (agent
// sockets only). It is best effort: dropped while offline.
func (c *Client) Viewing(conv string, on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.online(); s != nil {
		s.write(&protocol.Viewing{Type: protocol.TypeViewing, Conv: conv, On: on})
	}
}
