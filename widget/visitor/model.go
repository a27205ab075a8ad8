// Package visitor is the chat widget visitors use inside the customer's
// page: a go-app application compiled to WebAssembly from
// widget/cmd/visitor. model.go holds its state and how client events change
// it, with no UI code, so it is tested natively.
package visitor

import (
	"time"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
	"github.com/parley-chat/parley/widget/ui"
)

// MsgState is where one of the visitor's own messages is.
type MsgState string

// Message states.
const (
	Sending MsgState = "sending"
	Sent    MsgState = "sent"
	Read    MsgState = "read"
	Failed  MsgState = "failed"
)

// Item is one message in the list.
type Item struct {
	Key    string // cmid for own messages, else the message id
	Seq    int64  // 0 while sending
	Mine   bool
	Author protocol.Author
	Body   string
	At     time.Time
	State  MsgState // own messages only
}

// Link is the connection banner's state (shared with the other app).
type Link = ui.Link

// Banner states.
const (
	LinkConnecting   = ui.LinkConnecting
	LinkOnline       = ui.LinkOnline
	LinkReconnecting = ui.LinkReconnecting
	LinkBackOnline   = ui.LinkBackOnline
	LinkUnavailable  = ui.LinkUnavailable
)

// Model is everything the widget shows.
type Model struct {
	VisitorID    string
	Conv         string // the conversation shown; "" until the first message
	Items        []Item
	Presence     protocol.Presence
	Config       protocol.WidgetConfig
	Link         Link
	AgentTyping  string // name of the agent typing, "" when nobody is
	TypingAt     time.Time
	AgentReadSeq int64
	Unread       int  // agent messages not yet seen by the visitor
	Open         bool // the panel is visible
	HasOlder     bool // history before the first item may exist
	everOnline   bool
}

// NewModel returns the state before the first connection.
func NewModel() *Model { return &Model{Link: LinkConnecting} }

// AddPending shows an own message being sent.
func (m *Model) AddPending(cmid, body string, now time.Time) {
	m.Items = append(m.Items, Item{Key: cmid, Mine: true, Body: body, At: now, State: Sending,
		Author: protocol.Author{Kind: protocol.AuthorVisitor, ID: m.VisitorID}})
}

// Apply changes the model for one client event and reports whether an
// agent message arrived (for the unread notice).
func (m *Model) Apply(ev conn.Event) (agentMessage *protocol.Msg) {
	switch ev.Kind {
	case conn.EventState:
		m.applyState(ev.State)
	case conn.EventWelcome:
		m.applyWelcome(ev.Frame.(*protocol.Welcome))
	case conn.EventAck:
		m.applyAck(ev.Ack)
	case conn.EventMessage:
		return m.applyMessage(ev.Message)
	case conn.EventSendFailed:
		m.setState(ev.CMID, Failed, 0, time.Time{})
	case conn.EventTyping:
		m.applyTyping(ev.Frame.(*protocol.Typing))
	case conn.EventRead:
		if r := ev.Frame.(*protocol.Read); r.Conv == m.Conv && r.Author != nil && r.Author.Kind == protocol.AuthorAgent {
			m.markRead(r.Seq)
		}
	case conn.EventPresence:
		m.Presence = *ev.Frame.(*protocol.Presence)
	}
	return nil
}

func (m *Model) applyState(s conn.State) {
	m.Link, m.everOnline = ui.NextLink(m.Link, m.everOnline, s)
}

func (m *Model) applyWelcome(w *protocol.Welcome) {
	if w.Visitor != nil {
		m.VisitorID = w.Visitor.ID
	}
	if w.Presence != nil {
		m.Presence = *w.Presence
	}
	if w.Config != nil {
		m.Config = *w.Config
	}
	if m.Conv == "" && len(w.Conversations) > 0 {
		m.Conv = w.Conversations[0].ID // newest activity first
		m.HasOlder = w.Conversations[0].LastSeq > 0
	}
}

func (m *Model) applyAck(a *protocol.Ack) {
	if m.Conv == "" {
		m.Conv = a.Conv
	}
	m.setState(a.CMID, Sent, a.Seq, a.At)
	if a.Seq <= m.AgentReadSeq {
		m.setState(a.CMID, Read, a.Seq, a.At)
	}
}

func (m *Model) applyMessage(msg *protocol.Message) *protocol.Msg {
	if m.Conv == "" {
		m.Conv = msg.Conv
	}
	if msg.Conv != m.Conv || m.has(msg.Seq) {
		return nil
	}
	mine := msg.Msg.Author.Kind == protocol.AuthorVisitor && msg.Msg.Author.ID == m.VisitorID
	it := Item{Key: msg.Msg.ID, Seq: msg.Seq, Mine: mine, Author: msg.Msg.Author, Body: msg.Msg.Body, At: msg.Msg.At}
	if mine {
		it.State = Sent // sent from another tab
	}
	m.insert(it)
	if msg.Msg.Author.Kind != protocol.AuthorAgent {
		return nil
	}
	m.AgentTyping = ""
	if !m.Open {
		m.Unread++
	}
	return &msg.Msg
}

func (m *Model) applyTyping(t *protocol.Typing) {
	if t.Conv != m.Conv || t.Author == nil || t.Author.Kind != protocol.AuthorAgent {
		return
	}
	m.AgentTyping = ""
	if t.On {
		m.AgentTyping, m.TypingAt = t.Author.Name, time.Now()
	}
}

// AddHistory merges older messages loaded from the server.
func (m *Model) AddHistory(conv string, msgs []protocol.Msg, limit int) {
	if conv != m.Conv {
		return
	}
	for _, h := range msgs {
		if !m.has(h.Seq) {
			mine := h.Author.Kind == protocol.AuthorVisitor && h.Author.ID == m.VisitorID
			it := Item{Key: h.ID, Seq: h.Seq, Mine: mine, Author: h.Author, Body: h.Body, At: h.At}
			if mine {
				it.State = Sent
			}
			m.insert(it)
		}
	}
	m.HasOlder = len(msgs) >= limit && (len(msgs) == 0 || msgs[0].Seq > 1)
	m.markRead(m.AgentReadSeq)
}

// OldestSeq is the seq to load history before.
func (m *Model) OldestSeq() int64 {
	for _, it := range m.Items {
		if it.Seq > 0 {
			return it.Seq
		}
	}
	return 0
}

// LastAgentSeq is the newest agent message's seq, for read receipts.
func (m *Model) LastAgentSeq() int64 {
	for i := len(m.Items) - 1; i >= 0; i-- {
		if m.Items[i].Author.Kind == protocol.AuthorAgent {
			return m.Items[i].Seq
		}
	}
	return 0
}

func (m *Model) has(seq int64) bool {
	for _, it := range m.Items {
		if it.Seq == seq && seq > 0 {
			return true
		}
	}
	return false
}

// insert keeps stored messages in seq order, with unsent ones last. A
// plain loop: the list is short, and sorting would add reflection or
// generic code to the WebAssembly.
func (m *Model) insert(it Item) {
	i := len(m.Items)
	if it.Seq > 0 {
		for i > 0 && (m.Items[i-1].Seq == 0 || m.Items[i-1].Seq > it.Seq) {
			i--
		}
	}
	m.Items = append(m.Items, Item{})
	copy(m.Items[i+1:], m.Items[i:])
	m.Items[i] = it
}

// setState updates an own message found by cmid.
func (m *Model) setState(cmid string, s MsgState, seq int64, at time.Time) {
	for i := range m.Items {
		if it := &m.Items[i]; it.Mine && it.Key == cmid {
			if seq > 0 && it.Seq == 0 {
				it.Seq, it.At = seq, at
			}
			it.State = s
			m.insert(m.pop(i))
			return
		}
	}
}

func (m *Model) pop(i int) Item {
	it := m.Items[i]
	m.Items = append(m.Items[:i], m.Items[i+1:]...)
	return it
}

func (m *Model) markRead(seq int64) {
	if seq > m.AgentReadSeq {
		m.AgentReadSeq = seq
	}
	for i := range m.Items {
		if it := &m.Items[i]; it.Mine && it.Seq > 0 && it.Seq <= m.AgentReadSeq && it.State == Sent {
			it.State = Read
		}
	}
}

// Retry marks a failed message as sending again.
func (m *Model) Retry(oldCMID, newCMID string) (string, bool) {
	for i := range m.Items {
		if it := &m.Items[i]; it.Mine && it.Key == oldCMID && it.State == Failed {
			it.Key, it.State = newCMID, Sending
			return it.Body, true
		}
	}
	return "", false
}
