package console

import (
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

var (
	t0  = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	me  = protocol.AgentInfo{ID: "a_me", Name: "Olive", Email: "olive@shop.test", Role: "owner"}
	vis = protocol.Author{Kind: protocol.AuthorVisitor, ID: "v_k9x2abcd", Name: ""}
)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func welcome(convs ...protocol.ConvSummary) conn.Event {
	return conn.Event{Kind: conn.EventWelcome, Frame: &protocol.Welcome{Type: "welcome", Agent: &me, Conversations: convs}}
}

func msgEv(conv string, seq int64, a protocol.Author, body string, when time.Time) conn.Event {
	return conn.Event{Kind: conn.EventMessage, Conv: conv, Message: &protocol.Message{Type: "message", Conv: conv, Seq: seq,
		Msg: protocol.Msg{ID: "m" + body, Seq: seq, Author: a, Body: body, At: when}}}
}

func statusEv(conv, status, assignee string) conn.Event {
	return conn.Event{Kind: conn.EventStatus, Conv: conv, Frame: &protocol.Status{Type: "status", Conv: conv, Status: status, Assignee: assignee}}
}

func agent(id string) protocol.Author {
	return protocol.Author{Kind: protocol.AuthorAgent, ID: id, Name: "Agent " + id}
}

func counts(m *Model) map[View]int {
	out := map[View]int{}
	for _, v := range Views {
		out[v] = m.Count(v)
	}
	return out
}

func ids(cs []*Conv) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// TestViewsAndCounts: the views' counts follow the welcome, new
// conversations, assignment and status changes.
func TestViewsAndCounts(t *testing.T) {
	tests := []struct {
		name   string
		events []conn.Event
		want   map[View]int
	}{
		{"welcome", []conn.Event{welcome(
			protocol.ConvSummary{ID: "c1", Status: "open"},
			protocol.ConvSummary{ID: "c2", Status: "open", Assignee: "a_me"},
			protocol.ConvSummary{ID: "c3", Status: "open", Assignee: "a_other"},
			protocol.ConvSummary{ID: "c4", Status: "pending", Assignee: "a_me"},
			protocol.ConvSummary{ID: "c5", Status: "resolved", Assignee: "a_me"},
			protocol.ConvSummary{ID: "c6", Status: "snoozed"},
		)}, map[View]int{ViewUnassigned: 1, ViewMine: 2, ViewOpen: 3, ViewPending: 1, ViewSnoozed: 1, ViewResolved: 1}},
		{"a new conversation arrives unassigned and open", []conn.Event{welcome(), msgEv("c9", 1, vis, "hi", at(0))},
			map[View]int{ViewUnassigned: 1, ViewMine: 0, ViewOpen: 1, ViewPending: 0, ViewResolved: 0}},
		{"assigned to me", []conn.Event{welcome(protocol.ConvSummary{ID: "c1", Status: "open"}), statusEv("c1", "open", "a_me")},
			map[View]int{ViewUnassigned: 0, ViewMine: 1, ViewOpen: 1, ViewPending: 0, ViewResolved: 0}},
		{"resolved", []conn.Event{welcome(protocol.ConvSummary{ID: "c1", Status: "open", Assignee: "a_me"}), statusEv("c1", "resolved", "a_me")},
			map[View]int{ViewUnassigned: 0, ViewMine: 0, ViewOpen: 0, ViewPending: 0, ViewResolved: 1}},
		{"a later welcome drops what it no longer lists", []conn.Event{
			welcome(protocol.ConvSummary{ID: "c1", Status: "open"}, protocol.ConvSummary{ID: "c2", Status: "open"}),
			welcome(protocol.ConvSummary{ID: "c2", Status: "resolved"})},
			map[View]int{ViewUnassigned: 0, ViewMine: 0, ViewOpen: 0, ViewPending: 0, ViewResolved: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewModel(me)
			for _, ev := range tt.events {
				m.Apply(ev)
			}
			if got := counts(m); !equalCounts(got, tt.want) {
				t.Fatalf("counts %v, want %v", got, tt.want)
			}
		})
	}
}

func equalCounts(a, b map[View]int) bool {
	for _, v := range Views {
		if a[v] != b[v] {
			return false
		}
	}
	return true
}

// TestWaitingAndOrder: a visitor message starts a wait, an agent reply
// ends it; the list shows the longest wait first, then the rest by
// activity.
func TestWaitingAndOrder(t *testing.T) {
	m := NewModel(me)
	m.Apply(welcome())
	m.Apply(msgEv("young", 1, vis, "hello", at(8)))
	m.Apply(msgEv("old", 1, vis, "help", at(1)))
	m.Apply(msgEv("old", 2, vis, "anyone?", at(3)))
	m.Apply(msgEv("answered", 1, vis, "q", at(0)))
	m.Apply(msgEv("answered", 2, agent("a_other"), "a", at(9)))
	m.Apply(msgEv("quiet", 1, vis, "q", at(2)))
	m.Apply(msgEv("quiet", 2, agent("a_other"), "a", at(4)))

	if w := m.Conv("old").WaitingSince; !w.Equal(at(1)) {
		t.Fatalf("old waits since %v, want its first unanswered message", w)
	}
	if w := m.Conv("answered").WaitingSince; !w.IsZero() {
		t.Fatalf("an answered conversation waits since %v", w)
	}
	if got, want := ids(m.List(ViewOpen)), []string{"old", "young", "answered", "quiet"}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if last := m.Conv("answered").Last; last.Body != "a" || last.Seq != 2 {
		t.Fatalf("last message %+v", last)
	}
}

// TestOwnSends: an own reply, once acked, answers the visitor and is the
// conversation's newest message; a note is not.
func TestOwnSends(t *testing.T) {
	m := NewModel(me)
	m.Apply(welcome())
	m.Apply(msgEv("c1", 1, vis, "help", at(0)))
	th := m.Open("c1")
	th.AddHistory([]protocol.Msg{{ID: "m1", Seq: 1, Author: vis, Body: "help", At: at(0)}}, historyPage)

	m.Sending("cm-note", "c1", "VIP customer", true, at(1))
	m.Sending("cm-reply", "c1", "Hi! Looking now.", false, at(1))
	if items := th.Items(); len(items) != 3 || items[1].State != Sending || items[2].State != Sending {
		t.Fatalf("pending items %+v", items)
	}
	m.Apply(conn.Event{Kind: conn.EventAck, Conv: "c1", CMID: "cm-note", Note: true,
		Ack: &protocol.Ack{Conv: "c1", CMID: "cm-note", At: at(2)}})
	m.Apply(conn.Event{Kind: conn.EventAck, Conv: "c1", CMID: "cm-reply",
		Ack: &protocol.Ack{Conv: "c1", CMID: "cm-reply", Seq: 2, At: at(3)}})

	c := m.Conv("c1")
	if !c.WaitingSince.IsZero() || c.Last.Body != "Hi! Looking now." || c.LastSeq != 2 {
		t.Fatalf("after the reply: %+v", c)
	}
	items := th.Items()
	if len(items) != 3 || items[0].Seq != 1 || !items[1].Note || items[2].Seq != 2 || items[2].State != "" {
		t.Fatalf("thread after acks: %+v", items)
	}
	// The note arrives again with the notes list: it is not shown twice.
	th.AddNotes([]protocol.Msg{{ID: "n1", CMID: "cm-note", Author: m.author(), Body: "VIP customer", At: at(2)}})
	if n := len(th.Items()); n != 3 {
		t.Fatalf("note shown twice: %d items", n)
	}
}

// TestSummaries: the API's list fills in visitors, previews and waits, but
// never undoes what the socket said since.
func TestSummaries(t *testing.T) {
	w := func(min int) *time.Time { v := at(min); return &v }
	tests := []struct {
		name      string
		events    []conn.Event
		summary   Summary
		wantWait  time.Time
		wantState string
		wantSeq   int64
	}{
		{"fills in a conversation the socket only listed",
			[]conn.Event{welcome(protocol.ConvSummary{ID: "c1", Status: "open", LastSeq: 3})},
			Summary{ID: "c1", Status: "open", LastSeq: 3, Last: &protocol.Msg{Seq: 3, Body: "still there?", At: at(5), Author: vis}, WaitingSince: w(1)},
			at(1), "open", 3},
		{"a status frame that overtook the list wins",
			[]conn.Event{welcome(protocol.ConvSummary{ID: "c1", Status: "open", LastSeq: 1}), statusEv("c1", "resolved", "")},
			Summary{ID: "c1", Status: "open", LastSeq: 1, WaitingSince: w(1)},
			at(1), "resolved", 1},
		{"an agent reply after the list was made keeps the conversation answered",
			[]conn.Event{welcome(protocol.ConvSummary{ID: "c1", Status: "open", LastSeq: 1}), msgEv("c1", 2, agent("a_x"), "on it", at(6))},
			Summary{ID: "c1", Status: "open", LastSeq: 1, WaitingSince: w(1)},
			time.Time{}, "open", 2},
		{"a wait that began before the socket's messages keeps its start",
			[]conn.Event{welcome(protocol.ConvSummary{ID: "c1", Status: "open", LastSeq: 1}), msgEv("c1", 2, vis, "hello?", at(6))},
			Summary{ID: "c1", Status: "open", LastSeq: 1, WaitingSince: w(1)},
			at(1), "open", 2},
		{"a conversation only the list knows is added",
			[]conn.Event{welcome()},
			Summary{ID: "c1", Status: "pending", Assignee: "a_me", LastSeq: 4, WaitingSince: nil},
			time.Time{}, "pending", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewModel(me)
			for _, ev := range tt.events {
				m.Apply(ev)
			}
			tt.summary.Visitor = VisitorInfo{ID: "v_abcd1234", Name: "Maria", Email: "maria@example.com"}
			m.Summaries([]Summary{tt.summary})
			c := m.Conv("c1")
			if !c.WaitingSince.Equal(tt.wantWait) || c.Status != tt.wantState || c.LastSeq != tt.wantSeq {
				t.Fatalf("conv %+v; want wait %v, status %s, last seq %d", c, tt.wantWait, tt.wantState, tt.wantSeq)
			}
			if c.VisitorName != "Maria" || !c.Described {
				t.Fatalf("visitor not filled in: %+v", c)
			}
		})
	}
}

// TestUndescribed: a conversation first heard of on the socket, and not
// in the console API's list, is asked for once; none is asked for before
// the list comes, since it describes a thousand at once.
func TestUndescribed(t *testing.T) {
	m := NewModel(me)
	m.Apply(welcome(protocol.ConvSummary{ID: "c1", Status: "open"}))
	m.Apply(msgEv("c2", 1, vis, "hi", at(0)))
	if got := m.Undescribed(); len(got) != 0 {
		t.Fatalf("asked for %v before the list came", got)
	}
	m.Summaries([]Summary{{ID: "c1", Status: "open", Visitor: VisitorInfo{ID: "v_1", Name: "Tom"}}})
	if got := m.Undescribed(); !slices.Equal(got, []string{"c2"}) {
		t.Fatalf("undescribed %v", got)
	}
	if got := m.Undescribed(); len(got) != 0 {
		t.Fatalf("asked twice: %v", got)
	}
	m.Describe("c2", VisitorInfo{ID: "v_x", Name: "Ann"})
	if c := m.Conv("c2"); c.VisitorName != "Ann" || !c.Described {
		t.Fatalf("described %+v", c)
	}
}

func TestLink(t *testing.T) {
	m := NewModel(me)
	steps := []struct {
		state conn.State
		want  Link
	}{
		{conn.StateConnecting, LinkConnecting},
		{conn.StateOnline, LinkOnline},
		{conn.StateReconnecting, LinkReconnecting},
		{conn.StateOnline, LinkBackOnline},
	}
	for _, s := range steps {
		m.Apply(conn.Event{Kind: conn.EventState, State: s.state})
		if m.Link != s.want {
			t.Fatalf("after %v: %s, want %s", s.state, m.Link, s.want)
		}
	}
}

func TestShortID(t *testing.T) {
	for in, want := range map[string]string{"v_k9x2abcdef": "K9X2", "abc": "ABC", "v_ab": "AB"} {
		if got := ShortID(in); got != want {
			t.Errorf("ShortID(%q) = %q, want %q", in, got, want)
		}
	}
}

func typingEv(conv string, a protocol.Author, on bool) conn.Event {
	return conn.Event{Kind: conn.EventTyping, Conv: conv, Frame: &protocol.Typing{Type: "typing", Conv: conv, On: on, Author: &a}}
}

// TestTypingInThread: the open conversation shows the visitor and
// teammates typing, never the agent themself nor another conversation's
// typists; a message from a typist ends their indicator.
func TestTypingInThread(t *testing.T) {
	m := NewModel(me)
	m.Apply(welcome(protocol.ConvSummary{ID: "c1", Status: "open"}, protocol.ConvSummary{ID: "c2", Status: "open"}))
	th := m.Open("c1")
	bea := agent("a_bea")
	m.Apply(typingEv("c1", vis, true))
	m.Apply(typingEv("c1", bea, true))
	m.Apply(typingEv("c1", agent(me.ID), true))
	m.Apply(typingEv("c2", agent("a_cy"), true))
	if got := th.Typers(time.Now()); len(got) != 2 || got[0] != vis || got[1] != bea {
		t.Fatalf("typers %+v, want the visitor and Bea", got)
	}
	m.Apply(msgEv("c1", 1, vis, "hi", time.Now()))
	m.Apply(typingEv("c1", bea, false))
	if got := th.Typers(time.Now()); len(got) != 0 {
		t.Fatalf("typers %+v after the visitor's message and Bea's stop", got)
	}
}

// TestTeam: assignees are named from the team list, the agent from their
// own session; an assignee missing from the list asks for it again.
func TestTeam(t *testing.T) {
	m := NewModel(me)
	m.SetTeam([]Teammate{{ID: "a_bea", Name: "Bea Admin"}}, m.PresenceMark())
	if m.AgentName("a_bea") != "Bea Admin" || m.AgentName(me.ID) != me.Name || m.AgentName("a_new") != "" {
		t.Fatal("names from the team list")
	}
	for assignee, want := range map[string]bool{"": false, me.ID: false, "a_bea": false, "a_new": true} {
		if got := m.Unknown(&protocol.Status{Conv: "c1", Assignee: assignee}); got != want {
			t.Errorf("Unknown(%q) = %v, want %v", assignee, got, want)
		}
	}
}
