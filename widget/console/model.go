// Package console is the agent console: a go-app application compiled to
// WebAssembly from widget/cmd/console and served under /console/. Agents
// sign in with their password, then the inbox follows every conversation
// live over /ws/agent.
//
// model.go, inbox.go and thread.go hold the console's state and how
// client events and API answers change it, with no UI code, so they are
// tested natively; the other files draw it.
package console

import (
	"time"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
	"github.com/parley-chat/parley/widget/ui"
)

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

// Conv is one conversation as the inbox knows it: its state from the
// agent socket (welcome, status and message frames) and its visitor and
// waiting time from the console API.
type Conv struct {
	ID, Site, VisitorID       string
	VisitorName, VisitorEmail string
	Status, Assignee          string
	LastSeq                   int64
	Last                      protocol.Msg // the newest message known; Seq 0 for none
	WaitingSince              time.Time    // the first visitor message no agent has answered; zero when answered
	Activity                  time.Time    // when the newest message was written, for sorting
	SnoozedUntil              time.Time    // when a snoozed conversation reopens; zero when unknown or not snoozed
	Described                 bool         // the visitor's details are known
	Priority                  string       // low, normal, high, urgent; "" when never set
	Tags                      []string     // lower-case labels
	answeredSeq               int64        // seq of the newest agent message seen
	stateMark                 int          // status frames and welcomes applied: see StateMark
	asked                     bool         // details were requested
}

// send is an own message or note not yet acked.
type send struct {
	conv, body string
	note       bool
}

// Model is everything the inbox shows.
type Model struct {
	Me         protocol.AgentInfo
	Link       Link
	View       View
	Thread     *Thread // the open conversation; nil when none
	convs      map[string]*Conv
	sends      map[string]send // cmid → own send not yet acked
	team       map[string]Teammate
	presence   presenceLog // team frames, to weigh the team list against
	everOnline bool
	listed     bool   // the console API's list arrived since the last welcome
	Search     Search // the inbox search
}

// NewModel returns the state before the first connection, showing the
// unassigned view.
func NewModel(me protocol.AgentInfo) *Model {
	return &Model{Me: me, Link: LinkConnecting, View: ViewUnassigned, convs: map[string]*Conv{}, sends: map[string]send{}}
}

// Conv returns a conversation of the inbox or the search's results, nil
// when unknown.
func (m *Model) Conv(id string) *Conv {
	if c := m.convs[id]; c != nil {
		return c
	}
	return m.Search.found[id]
}

// ensure returns a conversation of the inbox, adopting one the search
// found or creating an open one when unknown.
func (m *Model) ensure(id string) *Conv {
	c := m.convs[id]
	if c == nil {
		if c = m.Search.found[id]; c == nil {
			c = &Conv{ID: id, Status: protocol.StatusOpen}
		}
		m.convs[id] = c
	}
	return c
}

// Apply changes the model for one client event.
func (m *Model) Apply(ev conn.Event) {
	switch ev.Kind {
	case conn.EventState:
		m.applyState(ev.State)
	case conn.EventWelcome:
		m.applyWelcome(ev.Frame.(*protocol.Welcome))
	case conn.EventMessage:
		m.applyMessage(ev.Message.Conv, ev.Message.Msg)
	case conn.EventAck:
		m.applyAck(ev)
	case conn.EventSendFailed:
		delete(m.sends, ev.CMID)
		if t := m.Thread; t != nil && t.Conv == ev.Conv {
			t.Failed(ev.CMID)
		}
	case conn.EventNote:
		if n := ev.Frame.(*protocol.Note); m.Thread != nil && m.Thread.Conv == n.Conv {
			m.Thread.AddNotes([]protocol.Msg{n.Note})
		}
	case conn.EventStatus:
		m.applyStatus(ev.Frame.(*protocol.Status))
	case conn.EventTyping:
		m.applyTyping(ev.Frame.(*protocol.Typing), time.Now())
	case conn.EventRead:
		m.applyRead(ev.Frame.(*protocol.Read))
	case conn.EventViewing:
		m.applyViewing(ev.Frame.(*protocol.Viewing), time.Now())
	case conn.EventTeam:
		m.ApplyTeam(ev.Frame.(*protocol.Team))
	}
}

// applyTyping shows the visitor or a teammate typing in the open
// conversation; the agent's own typing (from another tab) is not shown.
func (m *Model) applyTyping(f *protocol.Typing, now time.Time) {
	t := m.Thread
	if t == nil || t.Conv != f.Conv || f.Author == nil || f.Author.Kind == protocol.AuthorAgent && f.Author.ID == m.Me.ID {
		return
	}
	t.SetTyping(*f.Author, f.On, now)
}

func (m *Model) applyState(s conn.State) {
	m.Link, m.everOnline = ui.NextLink(m.Link, m.everOnline, s)
}

// applyWelcome makes the welcome's list the inbox: what it names gets its
// current state, what it no longer names is dropped (except the open
// conversation), and what was learnt about visitors is kept.
func (m *Model) applyWelcome(w *protocol.Welcome) {
	if w.Agent != nil {
		m.Me = *w.Agent
	}
	next := make(map[string]*Conv, len(w.Conversations))
	for _, s := range w.Conversations {
		c := m.convs[s.ID]
		if c == nil {
			c = &Conv{ID: s.ID}
		}
		c.Site, c.VisitorID, c.Status, c.Assignee = s.Site, s.Visitor, s.Status, s.Assignee
		c.stateMark++
		c.LastSeq = max(c.LastSeq, s.LastSeq)
		next[s.ID] = c
	}
	if t := m.Thread; t != nil && next[t.Conv] == nil && m.convs[t.Conv] != nil {
		next[t.Conv] = m.convs[t.Conv]
	}
	m.convs, m.listed = next, false
}

// applyMessage records a message: the conversation's newest message and
// whether a visitor waits for an answer.
func (m *Model) applyMessage(conv string, msg protocol.Msg) {
	c := m.ensure(conv)
	if msg.Author.Kind == protocol.AuthorVisitor {
		if c.VisitorID == "" {
			c.VisitorID = msg.Author.ID
		}
		if msg.Author.Name != "" {
			c.VisitorName = msg.Author.Name
		}
	}
	c.LastSeq = max(c.LastSeq, msg.Seq)
	if msg.Seq >= c.Last.Seq {
		c.Last, c.Activity = msg, msg.At
		switch msg.Author.Kind {
		case protocol.AuthorVisitor:
			if c.WaitingSince.IsZero() {
				c.WaitingSince = msg.At
			}
		case protocol.AuthorAgent:
			c.WaitingSince, c.answeredSeq = time.Time{}, msg.Seq
		}
	}
	if t := m.Thread; t != nil && t.Conv == conv {
		t.AddMessage(msg)
		t.stoppedTyping(msg.Author)
	}
}

// Sending records an own reply or note just queued with the client.
func (m *Model) Sending(cmid, conv, body string, note bool, now time.Time) {
	m.sends[cmid] = send{conv: conv, body: body, note: note}
	if t := m.Thread; t != nil && t.Conv == conv {
		t.AddPending(cmid, body, note, m.author(), now)
	}
}

// Retry re-queues a failed send under a new cmid.
func (m *Model) Retry(oldCMID, newCMID string) {
	if t := m.Thread; t != nil {
		if it, ok := t.Retry(oldCMID, newCMID); ok {
			m.sends[newCMID] = send{conv: t.Conv, body: it.Body, note: it.Note}
		}
	}
}

func (m *Model) author() protocol.Author {
	return protocol.Author{Kind: protocol.AuthorAgent, ID: m.Me.ID, Name: m.Me.Name}
}

// applyAck settles an own send: a reply becomes the conversation's newest
// message, a note joins the thread's notes.
func (m *Model) applyAck(ev conn.Event) {
	s, ok := m.sends[ev.CMID]
	delete(m.sends, ev.CMID)
	a := ev.Ack
	if t := m.Thread; t != nil && t.Conv == a.Conv {
		t.Acked(a.CMID, a.Seq, a.At)
	}
	if ev.Note || !ok {
		return
	}
	m.applyMessage(a.Conv, protocol.Msg{Seq: a.Seq, CMID: a.CMID, Author: m.author(), Body: s.body, At: a.At})
}

// Open shows a conversation in the pane.
func (m *Model) Open(conv string) *Thread {
	if m.Thread == nil || m.Thread.Conv != conv {
		m.Thread = NewThread(conv)
	}
	return m.Thread
}
