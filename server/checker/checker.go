// Package checker is the delivery checker of testing.md: multi-client tests
// and the load generator record every send, ack and delivered message per
// client, and Report counts what the delivery guarantees of design.md §3
// forbid: lost, duplicated and missing (hole) messages.
package checker

import (
	"fmt"
	"sync"

	"github.com/parley-chat/parley/widget/conn"
)

// Checker records what clients sent and saw. It is safe for concurrent use.
type Checker struct {
	mu       sync.Mutex
	sent     map[string]map[string]bool  // client → cmids sent
	acked    map[string]map[string]bool  // client → cmids acked
	seen     map[string]map[string]*seen // client → conv → what the client saw of it
	cmids    map[string]where            // cmid → the first message it turned into
	cmidMore map[string]map[where]bool   // cmid → every message, for a cmid that turned into several
	expect   map[string]map[string]bool  // conv → participants
}

// where is one message: a conversation and a seq.
type where struct {
	conv string
	seq  int64
}

// view is one message as one client saw it.
type view struct {
	client string
	where
}

// seen is one conversation as one client saw it. A load run records
// every message several times, so the record is kept by client and
// conversation, in small maps, rather than in one map the size of the run.
type seen struct {
	shown map[int64]int  // seq → how often the client was shown it
	own   map[int64]bool // seqs the client was acked for its own sends
}

// seenBy returns what client saw of conv, creating the record.
func (c *Checker) seenBy(client, conv string) *seen {
	byConv := c.seen[client]
	if byConv == nil {
		byConv = map[string]*seen{}
		c.seen[client] = byConv
	}
	sn := byConv[conv]
	if sn == nil {
		sn = &seen{shown: map[int64]int{}, own: map[int64]bool{}}
		byConv[conv] = sn
	}
	return sn
}

// shown is how often v's client was shown v's message.
func (c *Checker) shown(v view) int {
	if sn := c.seen[v.client][v.conv]; sn != nil {
		return sn.shown[v.seq]
	}
	return 0
}

// own reports whether v's client was acked v's message as its own.
func (c *Checker) own(v view) bool {
	if sn := c.seen[v.client][v.conv]; sn != nil {
		return sn.own[v.seq]
	}
	return false
}

// New returns an empty checker.
func New() *Checker {
	return &Checker{
		sent:     map[string]map[string]bool{},
		acked:    map[string]map[string]bool{},
		seen:     map[string]map[string]*seen{},
		cmids:    map[string]where{},
		cmidMore: map[string]map[where]bool{},
		expect:   map[string]map[string]bool{},
	}
}

// Sent records that client sent a message with cmid.
func (c *Checker) Sent(client, cmid string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	set(c.sent, client, cmid)
}

// Acked records that client's send cmid was stored as (conv, seq).
func (c *Checker) Acked(client, conv, cmid string, seq int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	set(c.acked, client, cmid)
	c.seenBy(client, conv).own[seq] = true
	c.noteCMID(cmid, where{conv, seq})
}

// Delivered records that client rendered message (conv, seq) whose cmid
// is cmid ("" when unknown).
func (c *Checker) Delivered(client, conv string, seq int64, cmid string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seenBy(client, conv).shown[seq]++
	c.noteCMID(cmid, where{conv, seq})
}

// Expect records that client takes part in conv, so it must end up having
// seen every message of it.
func (c *Checker) Expect(client, conv string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	set(c.expect, conv, client)
}

// noteCMID records that cmid turned into message w. A load run records
// every message this way, so the common case, one message per cmid, keeps
// no set of its own.
func (c *Checker) noteCMID(cmid string, w where) {
	if cmid == "" {
		return
	}
	first, ok := c.cmids[cmid]
	switch {
	case !ok:
		c.cmids[cmid] = w
	case first != w:
		if c.cmidMore[cmid] == nil {
			c.cmidMore[cmid] = map[where]bool{first: true}
		}
		c.cmidMore[cmid][w] = true
	}
}

func set[V comparable](m map[string]map[V]bool, k string, v V) {
	if m[k] == nil {
		m[k] = map[V]bool{}
	}
	m[k][v] = true
}

// Hook returns an OnEvent function that records client's EventMessage as
// Delivered and EventAck as Acked (notes, which have no seq, are skipped).
// Record sends yourself with Sent, using the cmid Send returns.
func (c *Checker) Hook(client string) func(conn.Event) {
	return func(ev conn.Event) {
		switch {
		case ev.Kind == conn.EventMessage && ev.Message != nil:
			c.Delivered(client, ev.Message.Conv, ev.Message.Seq, ev.Message.Msg.CMID)
		case ev.Kind == conn.EventAck && ev.Ack != nil && !ev.Note:
			c.Acked(client, ev.Ack.Conv, ev.Ack.CMID, ev.Ack.Seq)
		}
	}
}

// Chain returns an OnEvent function that calls each of fns in turn; nil
// entries are skipped.
func Chain(fns ...func(conn.Event)) func(conn.Event) {
	return func(ev conn.Event) {
		for _, f := range fns {
			if f != nil {
				f(ev)
			}
		}
	}
}

// String formats w as conv/seq.
func (w where) String() string { return fmt.Sprintf("%s/%d", w.conv, w.seq) }
