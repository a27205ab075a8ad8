package console

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

func visitorMsg(seq int64, body string) protocol.Msg {
	return protocol.Msg{Seq: seq, Body: body, Author: protocol.Author{Kind: protocol.AuthorVisitor, ID: "v1", Name: "Maria"}}
}

// TestAttention: visitor messages count as unread unless the agent is
// looking at their conversation; the title carries the count; viewing a
// conversation clears it.
func TestAttention(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var a Attention
	for _, tc := range []struct {
		name         string
		conv         string
		msg          protocol.Msg
		open         string
		hidden       bool
		alert, isNew bool
		unread       int
	}{
		{"a new conversation", "c1", visitorMsg(1, "Hi"), "", false, true, true, 1},
		{"the open one, in front", "c2", visitorMsg(3, "Still there?"), "c2", false, false, false, 1},
		{"the open one, tab hidden", "c2", visitorMsg(4, "Hello?"), "c2", true, true, false, 2},
		{"another message of an unread one", "c1", visitorMsg(2, "Anyone?"), "c2", false, true, false, 2},
		{"an agent's message", "c3", protocol.Msg{Seq: 5, Author: protocol.Author{Kind: protocol.AuthorAgent, ID: "a1"}}, "", true, false, false, 2},
		{"a bot's message", "c3", protocol.Msg{Seq: 6, Author: protocol.Author{Kind: protocol.AuthorBot}}, "", true, false, false, 2},
	} {
		al, ok := a.Message(tc.conv, tc.msg, tc.open, tc.hidden, now)
		if ok != tc.alert || ok && (al.New != tc.isNew || !al.Notify || al.Conv != tc.conv || al.Body != tc.msg.Body || al.Name != "Maria") {
			t.Errorf("%s: alert %+v, %v; want alert %v, new %v", tc.name, al, ok, tc.alert, tc.isNew)
		}
		if a.Unread() != tc.unread {
			t.Errorf("%s: %d unread, want %d", tc.name, a.Unread(), tc.unread)
		}
	}
	if got := a.Title("Parley"); got != "(2) Parley" {
		t.Fatalf("title %q", got)
	}
	if a.UnreadIn("c1") != 2 {
		t.Fatalf("c1 has %d unread, want 2", a.UnreadIn("c1"))
	}
	a.Seen("c1")
	a.Seen("c2")
	if got := a.Title("Parley"); got != "Parley" || a.Unread() != 0 {
		t.Fatalf("title %q after viewing both", got)
	}
}

// TestAttentionSound: one blip for a burst, none when muted; the desktop
// notification is shown either way.
func TestAttentionSound(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var a Attention
	steps := []struct {
		after       time.Duration
		muted, want bool
	}{
		{0, false, true}, {500 * time.Millisecond, false, false}, {soundGap, false, true},
		{soundGap, true, false}, {soundGap, false, true},
	}
	for i, s := range steps {
		now = now.Add(s.after)
		a.Muted = s.muted
		al, ok := a.Message("c1", visitorMsg(int64(i+1), "hi"), "", true, now)
		if !ok || al.Sound != s.want || !al.Notify {
			t.Errorf("step %d: alert %+v, sound want %v", i, al, s.want)
		}
	}
}
