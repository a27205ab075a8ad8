package console

import (
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// MsgState is where one of the agent's own sends is.
type MsgState string

// Send states; messages that came from the server have none.
const (
	Sending MsgState = "sending"
	Failed  MsgState = "failed"
)

// Delivery states of agent messages, after Sending: stored (acked or
// received), then read by the visitor.
const (
	Sent MsgState = "sent"
	Seen MsgState = "seen"
)

// Item is one message or internal note in the conversation pane.
type Item struct {
	Key    string // message id; the cmid of own sends and of notes
	Seq    int64  // 0 for notes and unsent messages
	Note   bool
	Author protocol.Author
	Body   string
	At     time.Time
	State  MsgState // own sends until acked
}

// Thread is the open conversation: its messages in seq order, its notes
// in time order and the agent's sends still on their way.
type Thread struct {
	Conv     string
	Loaded   bool // the newest page of history has arrived
	HasOlder bool // messages before the first one shown may exist
	msgs     []Item
	notes    []Item
	pending  []Item
	typing   map[string]typer // who is typing, by typerKey
	viewers  map[string]typer // teammates viewing it, by agent id
	// VisitorRead is the highest seq the visitor has read.
	VisitorRead int64
}

// NewThread returns an empty thread for conv.
func NewThread(conv string) *Thread { return &Thread{Conv: conv} }

// AddMessage inserts a stored message in seq order, once.
func (t *Thread) AddMessage(m protocol.Msg) {
	i := len(t.msgs)
	for i > 0 && t.msgs[i-1].Seq >= m.Seq {
		if t.msgs[i-1].Seq == m.Seq {
			return
		}
		i--
	}
	t.msgs = append(t.msgs, Item{})
	copy(t.msgs[i+1:], t.msgs[i:])
	t.msgs[i] = Item{Key: m.ID, Seq: m.Seq, Author: m.Author, Body: m.Body, At: m.At}
}

// AddHistory merges a page of older messages that asked for limit.
func (t *Thread) AddHistory(msgs []protocol.Msg, limit int) {
	for _, m := range msgs {
		t.AddMessage(m)
	}
	t.Loaded = true
	t.HasOlder = len(msgs) > 0 && len(msgs) >= limit && msgs[0].Seq > 1
}

// OldestSeq is the seq to load history before: 0 (the newest page) until
// the first page arrived.
func (t *Thread) OldestSeq() int64 {
	if !t.Loaded || len(t.msgs) == 0 {
		return 0
	}
	return t.msgs[0].Seq
}

// AddNotes merges internal notes, once each (an author's cmid is unique).
func (t *Thread) AddNotes(notes []protocol.Msg) {
	for _, n := range notes {
		if t.hasNote(n.Author.ID, n.CMID) {
			continue
		}
		it := Item{Key: n.CMID, Note: true, Author: n.Author, Body: n.Body, At: n.At}
		i := len(t.notes)
		for i > 0 && t.notes[i-1].At.After(n.At) {
			i--
		}
		t.notes = append(t.notes, Item{})
		copy(t.notes[i+1:], t.notes[i:])
		t.notes[i] = it
	}
}

func (t *Thread) hasNote(author, cmid string) bool {
	for _, n := range t.notes {
		if n.Author.ID == author && n.Key == cmid {
			return true
		}
	}
	return false
}

// AddPending shows an own reply or note on its way.
func (t *Thread) AddPending(cmid, body string, note bool, me protocol.Author, now time.Time) {
	t.pending = append(t.pending, Item{Key: cmid, Note: note, Author: me, Body: body, At: now, State: Sending})
}

// Acked moves an own send into the thread: a reply at its seq, a note at
// its time (seq 0).
func (t *Thread) Acked(cmid string, seq int64, at time.Time) {
	for i, p := range t.pending {
		if p.Key != cmid {
			continue
		}
		t.pending = append(t.pending[:i], t.pending[i+1:]...)
		if p.Note {
			t.AddNotes([]protocol.Msg{{CMID: cmid, Author: p.Author, Body: p.Body, At: at}})
		} else {
			t.AddMessage(protocol.Msg{ID: cmid, Seq: seq, CMID: cmid, Author: p.Author, Body: p.Body, At: at})
		}
		return
	}
}

// Failed marks an own send as not sent.
func (t *Thread) Failed(cmid string) {
	for i := range t.pending {
		if t.pending[i].Key == cmid {
			t.pending[i].State = Failed
		}
	}
}

// Retry marks a failed send as sending again under a new cmid.
func (t *Thread) Retry(oldCMID, newCMID string) (Item, bool) {
	for i := range t.pending {
		if it := &t.pending[i]; it.Key == oldCMID && it.State == Failed {
			it.Key, it.State = newCMID, Sending
			return *it, true
		}
	}
	return Item{}, false
}

// Items returns what the pane shows, oldest first: messages and notes by
// time (messages keep their seq order), then the sends on their way.
// While older messages are not loaded, notes from before the first
// message shown wait with them.
func (t *Thread) Items() []Item {
	out := make([]Item, 0, len(t.msgs)+len(t.notes)+len(t.pending))
	notes := t.notes
	if t.HasOlder && len(t.msgs) > 0 {
		for len(notes) > 0 && notes[0].At.Before(t.msgs[0].At) {
			notes = notes[1:]
		}
	}
	for _, m := range t.msgs {
		for len(notes) > 0 && notes[0].At.Before(m.At) {
			out = append(out, notes[0])
			notes = notes[1:]
		}
		out = append(out, m)
	}
	out = append(out, notes...)
	return append(out, t.pending...)
}

// SeenUpTo records that the visitor has read up to seq; it never moves
// back.
func (t *Thread) SeenUpTo(seq int64) { t.VisitorRead = max(t.VisitorRead, seq) }

// Delivery is where an agent message is: its send state while on its
// way, then Sent, then Seen once the visitor has read its seq. Visitor
// messages and notes have none.
func (t *Thread) Delivery(it Item) MsgState {
	switch {
	case it.State != "":
		return it.State
	case it.Note || it.Author.Kind != protocol.AuthorAgent || it.Seq == 0:
		return ""
	case it.Seq <= t.VisitorRead:
		return Seen
	}
	return Sent
}
