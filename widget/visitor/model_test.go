package visitor

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func welcome(convs ...protocol.ConvSummary) conn.Event {
	return conn.Event{Kind: conn.EventWelcome, Frame: &protocol.Welcome{Type: "welcome",
		Visitor: &protocol.Visitor{ID: "v1"}, Conversations: convs, Presence: &protocol.Presence{Online: true}}}
}

func agentMsg(conv string, seq int64, body string) conn.Event {
	return conn.Event{Kind: conn.EventMessage, Conv: conv, Message: &protocol.Message{Type: "message", Conv: conv, Seq: seq,
		Msg: protocol.Msg{ID: "m" + body, Seq: seq, Author: protocol.Author{Kind: "agent", ID: "a1", Name: "Ada"}, Body: body, At: t0}}}
}

func ack(conv, cmid string, seq int64) conn.Event {
	return conn.Event{Kind: conn.EventAck, Conv: conv, CMID: cmid, Ack: &protocol.Ack{Conv: conv, CMID: cmid, Seq: seq, At: t0}}
}

func states(m *Model) []string {
	var out []string
	for _, it := range m.Items {
		out = append(out, it.Key+":"+string(it.State))
	}
	return out
}

func TestSendAckAndRead(t *testing.T) {
	m := NewModel()
	m.Apply(welcome())
	m.AddPending("c1", "hello", t0)
	if m.Items[0].State != Sending {
		t.Fatalf("pending state %v", m.Items[0].State)
	}
	m.Apply(ack("conv1", "c1", 1))
	if m.Conv != "conv1" || m.Items[0].State != Sent || m.Items[0].Seq != 1 {
		t.Fatalf("after ack: conv %q item %+v", m.Conv, m.Items[0])
	}
	m.Apply(conn.Event{Kind: conn.EventRead, Frame: &protocol.Read{Conv: "conv1", Seq: 1, Author: &protocol.Author{Kind: "agent"}}})
	if m.Items[0].State != Read {
		t.Fatalf("after agent read: %v", m.Items[0].State)
	}
}

func TestMessagesStayInSeqOrderWithPendingLast(t *testing.T) {
	m := NewModel()
	m.Apply(welcome(protocol.ConvSummary{ID: "c", LastSeq: 2}))
	m.AddPending("p1", "typed while offline", t0)
	m.Apply(agentMsg("c", 4, "four"))
	m.AddHistory("c", []protocol.Msg{{ID: "m2", Seq: 2, Body: "two", Author: protocol.Author{Kind: "agent"}},
		{ID: "m3", Seq: 3, Body: "three", Author: protocol.Author{Kind: "visitor", ID: "v1"}}}, 30)
	m.Apply(agentMsg("c", 4, "four")) // a duplicate is ignored
	var got []int64
	for _, it := range m.Items {
		got = append(got, it.Seq)
	}
	if want := []int64{2, 3, 4, 0}; len(got) != 4 || got[0] != 2 || got[1] != 3 || got[2] != 4 || got[3] != 0 {
		t.Fatalf("order %v, want %v", got, want)
	}
	if !m.Items[1].Mine || m.Items[1].State != Sent {
		t.Fatalf("own history message: %+v", m.Items[1])
	}
	m.Apply(ack("c", "p1", 5))
	if last := m.Items[3]; last.Seq != 5 || last.State != Sent {
		t.Fatalf("acked pending: %+v", last)
	}
}

func TestUnreadCountsOnlyWhileClosed(t *testing.T) {
	tests := []struct {
		open bool
		want int
	}{{false, 2}, {true, 0}}
	for _, tt := range tests {
		m := NewModel()
		m.Open = tt.open
		m.Apply(welcome(protocol.ConvSummary{ID: "c"}))
		if msg := m.Apply(agentMsg("c", 1, "a")); msg == nil || msg.Body != "a" {
			t.Fatalf("agent message not reported: %v", msg)
		}
		m.Apply(agentMsg("c", 2, "b"))
		if m.Unread != tt.want {
			t.Fatalf("open=%v: unread %d, want %d", tt.open, m.Unread, tt.want)
		}
	}
}

func TestLinkBanner(t *testing.T) {
	m := NewModel()
	steps := []struct {
		state conn.State
		want  Link
	}{
		{conn.StateConnecting, LinkConnecting},
		{conn.StateOnline, LinkOnline},
		{conn.StateReconnecting, LinkReconnecting},
		{conn.StateConnecting, LinkReconnecting},
		{conn.StateOnline, LinkBackOnline},
	}
	for i, s := range steps {
		m.Apply(conn.Event{Kind: conn.EventState, State: s.state})
		if m.Link != s.want {
			t.Fatalf("step %d (%v): link %v, want %v", i, s.state, m.Link, s.want)
		}
	}
}

func TestFailedSendAndRetry(t *testing.T) {
	m := NewModel()
	m.AddPending("c1", "hi", t0)
	m.Apply(conn.Event{Kind: conn.EventSendFailed, CMID: "c1"})
	if m.Items[0].State != Failed {
		t.Fatalf("state %v", m.Items[0].State)
	}
	if body, ok := m.Retry("c1", "c2"); !ok || body != "hi" || m.Items[0].Key != "c2" || m.Items[0].State != Sending {
		t.Fatalf("retry: %q %v %v", body, ok, states(m))
	}
}

func TestTypingClearsOnMessage(t *testing.T) {
	m := NewModel()
	m.Apply(welcome(protocol.ConvSummary{ID: "c"}))
	m.Apply(conn.Event{Kind: conn.EventTyping, Frame: &protocol.Typing{Conv: "c", On: true, Author: &protocol.Author{Kind: "agent", Name: "Ada"}}})
	if m.AgentTyping != "Ada" {
		t.Fatalf("typing %q", m.AgentTyping)
	}
	m.Apply(agentMsg("c", 1, "hi"))
	if m.AgentTyping != "" {
		t.Fatal("typing should stop when the message arrives")
	}
}

func TestTextsFor(t *testing.T) {
	for _, tt := range []struct{ site, browser, want string }{{"", "zh-CN", "zh"}, {"", "en-GB", "en"}, {"zh", "en-US", "zh"}, {"en", "zh-TW", "en"}} {
		if _, lang := textsFor(tt.site, tt.browser); lang != tt.want {
			t.Errorf("textsFor(%q, %q) = %s, want %s", tt.site, tt.browser, lang, tt.want)
		}
	}
	if replyTime("en", 120) != "2 min" || replyTime("zh", 30) != "1 分钟" {
		t.Error("replyTime")
	}
}
