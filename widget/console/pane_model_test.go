package console

import (
	"reflect"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

var (
	meAgent  = protocol.AgentInfo{ID: "a_me", Name: "Olive"}
	ana      = protocol.Author{Kind: protocol.AuthorAgent, ID: "a_ana", Name: "Ana"}
	visitorA = protocol.Author{Kind: protocol.AuthorVisitor, ID: "v_1", Name: "Maria"}
)

func TestDelivery(t *testing.T) {
	now := time.Now()
	th := NewThread("c1")
	th.AddMessage(protocol.Msg{ID: "m1", Seq: 1, Author: visitorA, At: now})
	th.AddMessage(protocol.Msg{ID: "m2", Seq: 2, Author: ana, At: now})
	th.AddPending("cm3", "on its way", false, protocol.Author{Kind: protocol.AuthorAgent, ID: "a_me"}, now)
	th.AddNotes([]protocol.Msg{{CMID: "n1", Author: ana, At: now}})
	states := func() map[string]MsgState {
		out := map[string]MsgState{}
		for _, it := range th.Items() {
			out[it.Key] = th.Delivery(it)
		}
		return out
	}
	steps := []struct {
		name string
		do   func()
		want map[string]MsgState
	}{
		{"at first", func() {}, map[string]MsgState{"m1": "", "m2": Sent, "cm3": Sending, "n1": ""}},
		{"visitor read 1", func() { th.SeenUpTo(1) }, map[string]MsgState{"m1": "", "m2": Sent, "cm3": Sending, "n1": ""}},
		{"acked", func() { th.Acked("cm3", 3, now) }, map[string]MsgState{"m1": "", "m2": Sent, "cm3": Sent, "n1": ""}},
		{"visitor read 2", func() { th.SeenUpTo(2) }, map[string]MsgState{"m1": "", "m2": Seen, "cm3": Sent, "n1": ""}},
		{"read never moves back", func() { th.SeenUpTo(1) }, map[string]MsgState{"m1": "", "m2": Seen, "cm3": Sent, "n1": ""}},
		{"visitor read 3", func() { th.SeenUpTo(3) }, map[string]MsgState{"m1": "", "m2": Seen, "cm3": Seen, "n1": ""}},
	}
	for _, s := range steps {
		s.do()
		if got := states(); !reflect.DeepEqual(got, s.want) {
			t.Fatalf("%s: states %v, want %v", s.name, got, s.want)
		}
	}
	th.AddPending("cm4", "lost", false, protocol.Author{Kind: protocol.AuthorAgent, ID: "a_me"}, now)
	th.Failed("cm4")
	if it := th.Items()[len(th.Items())-1]; th.Delivery(it) != Failed {
		t.Fatalf("a failed send is %q", th.Delivery(it))
	}
}

// TestModelReadAndDetail: visitor read frames and the detail's read seq
// move the open thread's mark; an agent's read frame does not.
func TestModelReadAndDetail(t *testing.T) {
	m := NewModel(meAgent)
	m.applyWelcome(&protocol.Welcome{Conversations: []protocol.ConvSummary{{ID: "c1", Status: "open", LastSeq: 4}}})
	m.Open("c1")
	m.ApplyDetail(ConvDetail{ID: "c1", Status: "pending", Priority: "high", Tags: []string{"vip"}, VisitorReadSeq: 2}, m.StateMark("c1"))
	if m.Thread.VisitorRead != 2 || m.Conv("c1").Status != "pending" || PriorityOf(m.Conv("c1")) != "high" {
		t.Fatalf("after the detail: read %d, conv %+v", m.Thread.VisitorRead, m.Conv("c1"))
	}
	m.Apply(conn.Event{Kind: conn.EventRead, Conv: "c1", Frame: &protocol.Read{Conv: "c1", Seq: 3, Author: &ana}})
	if m.Thread.VisitorRead != 2 {
		t.Fatalf("an agent's read moved the visitor's mark to %d", m.Thread.VisitorRead)
	}
	m.Apply(conn.Event{Kind: conn.EventRead, Conv: "c2", Frame: &protocol.Read{Conv: "c2", Seq: 9, Author: &visitorA}})
	m.Apply(conn.Event{Kind: conn.EventRead, Conv: "c1", Frame: &protocol.Read{Conv: "c1", Seq: 4, Author: &visitorA}})
	if m.Thread.VisitorRead != 4 {
		t.Fatalf("visitor read mark %d, want 4", m.Thread.VisitorRead)
	}
}

// TestDetailAfterStatus: a console API answer asked for before a status
// frame (or a welcome) arrived is older than the frame and must not undo
// it; an answer with no frame since is applied. The visitor's read mark
// is taken from the detail either way.
func TestDetailAfterStatus(t *testing.T) {
	stale := ConvDetail{ID: "c1", Status: "open", VisitorReadSeq: 3}
	tests := []struct {
		name         string
		between      func(m *Model)
		wantAssignee string
		wantPriority string
	}{
		{"no frame since", func(*Model) {}, "", ""},
		{"another agent assigned it", func(m *Model) {
			m.Apply(conn.Event{Kind: conn.EventStatus, Frame: &protocol.Status{Conv: "c1", Status: "open", Assignee: "a_ana", Priority: "high"}})
		}, "a_ana", "high"},
		{"a welcome after a reconnect", func(m *Model) {
			m.applyWelcome(&protocol.Welcome{Conversations: []protocol.ConvSummary{{ID: "c1", Status: "open", Assignee: "a_ana"}}})
		}, "a_ana", "low"}, // welcomes do not carry the priority
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewModel(meAgent)
			m.applyWelcome(&protocol.Welcome{Conversations: []protocol.ConvSummary{{ID: "c1", Status: "open", LastSeq: 4}}})
			m.Apply(conn.Event{Kind: conn.EventStatus, Frame: &protocol.Status{Conv: "c1", Status: "open", Priority: "low"}})
			m.Open("c1")
			mark := m.StateMark("c1")
			tt.between(m)
			m.ApplyDetail(stale, mark)
			c := m.Conv("c1")
			if c.Assignee != tt.wantAssignee || c.Priority != tt.wantPriority {
				t.Errorf("assignee %q priority %q, want %q %q", c.Assignee, c.Priority, tt.wantAssignee, tt.wantPriority)
			}
			if m.Thread.VisitorRead != 3 {
				t.Errorf("visitor read %d, want 3 from the detail", m.Thread.VisitorRead)
			}
		})
	}
}

// TestModelStatusFields: agents' status frames carry priority, tags and
// the snooze; a frame without them clears them.
func TestModelStatusFields(t *testing.T) {
	m := NewModel(meAgent)
	until := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	m.Apply(conn.Event{Kind: conn.EventStatus, Frame: &protocol.Status{Conv: "c1", Status: "snoozed", Assignee: "a_ana",
		Priority: "urgent", Tags: []string{"vip", "billing"}, SnoozedUntil: &until}})
	c := m.Conv("c1")
	if c.Status != "snoozed" || c.Priority != "urgent" || len(c.Tags) != 2 || !c.SnoozedUntil.Equal(until) {
		t.Fatalf("conv %+v", c)
	}
	m.Apply(conn.Event{Kind: conn.EventStatus, Frame: &protocol.Status{Conv: "c1", Status: "open", Assignee: "a_ana"}})
	if c.Priority != "" || c.Tags != nil || !c.SnoozedUntil.IsZero() || PriorityOf(c) != "normal" {
		t.Fatalf("conv after a plain status %+v", c)
	}
}

func TestViewers(t *testing.T) {
	now := time.Now()
	m := NewModel(meAgent)
	m.Open("c1")
	view := func(a protocol.Author, conv string, on bool, at time.Time) {
		m.applyViewing(&protocol.Viewing{Conv: conv, On: on, Author: &a}, at)
	}
	bo := protocol.Author{Kind: protocol.AuthorAgent, ID: "a_bo", Name: "Bo"}
	view(bo, "c1", true, now)
	view(ana, "c1", true, now)
	view(protocol.Author{Kind: protocol.AuthorAgent, ID: "a_me", Name: "Olive"}, "c1", true, now) // my other tab
	view(ana, "c2", true, now)                                                                    // another conversation
	if got := names(m.Thread.Viewers(now)); !reflect.DeepEqual(got, []string{"Ana", "Bo"}) {
		t.Fatalf("viewers %v", got)
	}
	view(bo, "c1", false, now)
	if got := names(m.Thread.Viewers(now)); !reflect.DeepEqual(got, []string{"Ana"}) {
		t.Fatalf("after Bo left %v", got)
	}
	if got := m.Thread.Viewers(now.Add(viewingFor)); len(got) != 0 {
		t.Fatalf("an indicator not refreshed for %v is still shown: %v", viewingFor, got)
	}
	view(ana, "c1", true, now.Add(40*time.Second))
	if got := m.Thread.Viewers(now.Add(viewingFor)); len(got) != 1 {
		t.Fatalf("a refreshed indicator expired: %v", got)
	}
}

func names(as []protocol.Author) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestNormalizeTag(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{" VIP ", "vip", true}, {"billing issue", "billing issue", true}, {"re-fund_2", "re-fund_2", true},
		{"退款", "退款", true}, {"", "", false}, {"   ", "", false}, {"a,b", "a,b", false}, {"<b>", "<b>", false},
		{"abcdefghijabcdefghijabcdefghijab", "abcdefghijabcdefghijabcdefghijab", true},
		{"abcdefghijabcdefghijabcdefghijabc", "abcdefghijabcdefghijabcdefghijabc", false},
	}
	for _, tc := range tests {
		if got, ok := NormalizeTag(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeTag(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	tags := WithTag([]string{"vip"}, "billing")
	if !reflect.DeepEqual(WithTag(tags, "vip"), []string{"vip", "billing"}) || !reflect.DeepEqual(WithoutTag(tags, "vip"), []string{"billing"}) {
		t.Fatalf("WithTag/WithoutTag %v", tags)
	}
}

func TestSnoozePresets(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		name                string
		now                 time.Time
		hour, tomorrow, mon string
	}{
		{"sunday afternoon", time.Date(2026, 11, 22, 14, 30, 20, 0, paris), "2026-11-22 15:30", "2026-11-23 09:00", "2026-11-23 09:00"},
		{"monday morning", time.Date(2026, 11, 23, 8, 0, 0, 0, paris), "2026-11-23 09:00", "2026-11-24 09:00", "2026-11-30 09:00"},
		{"saturday late", time.Date(2026, 11, 28, 23, 30, 0, 0, paris), "2026-11-29 00:30", "2026-11-29 09:00", "2026-11-30 09:00"},
		{"end of month", time.Date(2026, 12, 31, 12, 0, 0, 0, paris), "2026-12-31 13:00", "2027-01-01 09:00", "2027-01-04 09:00"},
	}
	const layout = "2006-01-02 15:04"
	for _, tc := range tests {
		p := SnoozePresets(tc.now)
		got := []string{p[0].At.Format(layout), p[1].At.Format(layout), p[2].At.Format(layout)}
		if want := []string{tc.hour, tc.tomorrow, tc.mon}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: presets %v, want %v", tc.name, got, want)
		}
	}
	now := time.Date(2026, 11, 22, 14, 0, 0, 0, paris)
	if at, ok := ParseSnooze("2026-11-22T18:15", now, paris); !ok || at.Hour() != 18 || at.Minute() != 15 {
		t.Fatalf("ParseSnooze = %v, %v", at, ok)
	}
	for _, bad := range []string{"", "2026-11-22T13:00", "tomorrow", "2026-11-22 18:15"} {
		if _, ok := ParseSnooze(bad, now, paris); ok {
			t.Errorf("ParseSnooze(%q) accepted", bad)
		}
	}
}
