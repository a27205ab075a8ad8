package console

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

func hist(from, to int64) []protocol.Msg {
	var out []protocol.Msg
	for s := from; s <= to; s++ {
		out = append(out, protocol.Msg{ID: "m", Seq: s, Author: vis, Body: "x", At: at(int(s))})
	}
	return out
}

// TestThreadOrder: live messages, history pages and notes come together
// in order, once each; notes older than the loaded messages wait.
func TestThreadOrder(t *testing.T) {
	th := NewThread("c1")
	th.AddMessage(protocol.Msg{Seq: 42, Author: vis, Body: "live", At: at(42)}) // arrives before the first page
	if th.OldestSeq() != 0 {
		t.Fatal("the first page must be the newest")
	}
	th.AddHistory(hist(12, 41), 30)
	if !th.HasOlder || th.OldestSeq() != 12 {
		t.Fatalf("after the first page: older %v, oldest %d", th.HasOlder, th.OldestSeq())
	}
	th.AddNotes([]protocol.Msg{
		{CMID: "n-old", Author: agent("a1"), Body: "from before", At: at(5)},
		{CMID: "n-mid", Author: agent("a1"), Body: "between", At: at(20).Add(time.Second)},
	})
	items := th.Items()
	if len(items) != 32 || items[8].Seq != 20 || !items[9].Note || items[10].Seq != 21 || items[31].Seq != 42 {
		t.Fatalf("merged items: %d, around the note: %+v", len(items), items[8:11])
	}
	th.AddHistory(hist(1, 11), 30)
	items = th.Items()
	if th.HasOlder || len(items) != 44 || !items[5].Note || items[4].Seq != 5 {
		t.Fatalf("after the last page: older %v, %d items, %+v", th.HasOlder, len(items), items[3:7])
	}
	th.AddHistory(hist(1, 11), 30) // a repeated page changes nothing
	if n := len(th.Items()); n != 44 {
		t.Fatalf("duplicates: %d items", n)
	}
}

func TestThreadFailedSend(t *testing.T) {
	th := NewThread("c1")
	th.AddHistory(hist(1, 1), 30)
	th.AddPending("cm1", "hello", false, agent("a_me"), at(2))
	th.Failed("cm1")
	if it := th.Items()[1]; it.State != Failed {
		t.Fatalf("failed send %+v", it)
	}
	if it, ok := th.Retry("cm1", "cm2"); !ok || it.Body != "hello" || it.Key != "cm2" || it.State != Sending {
		t.Fatalf("retry %+v %v", it, ok)
	}
	th.Acked("cm2", 2, at(3))
	items := th.Items()
	if len(items) != 2 || items[1].Seq != 2 || items[1].State != "" {
		t.Fatalf("after the ack: %+v", items)
	}
}

// TestTyping: indicators last typingFor unless refreshed, end when their
// author says so, and list the visitor before agents.
func TestTyping(t *testing.T) {
	th := NewThread("c1")
	bea, ada := agent("a_bea"), agent("a_ada")
	bea.Name, ada.Name = "Bea", "Ada"
	th.SetTyping(bea, true, at(0))
	th.SetTyping(vis, true, at(0))
	th.SetTyping(ada, true, at(0))
	if got := th.Typers(at(0).Add(time.Second)); len(got) != 3 || got[0] != vis || got[1] != ada || got[2] != bea {
		t.Fatalf("typers %+v, want the visitor, Ada, Bea", got)
	}
	th.SetTyping(vis, true, at(0).Add(5*time.Second)) // refreshed
	th.SetTyping(ada, false, at(0).Add(5*time.Second))
	if got := th.Typers(at(0).Add(typingFor)); len(got) != 1 || got[0] != vis {
		t.Fatalf("typers after typingFor %+v, want the refreshed visitor only", got)
	}
}

func TestAgo(t *testing.T) {
	now := at(0)
	tests := []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Second, "now"}, {90 * time.Second, "1m"}, {59 * time.Minute, "59m"},
		{3 * time.Hour, "3h"}, {49 * time.Hour, "2d"},
	}
	for _, tt := range tests {
		if got := Ago(now.Add(-tt.ago), now, "now"); got != tt.want {
			t.Errorf("Ago(%v) = %q, want %q", tt.ago, got, tt.want)
		}
	}
	for d, want := range map[time.Duration]string{time.Minute: "", 10 * time.Minute: "late", time.Hour: "overdue"} {
		if got := Urgency(now.Add(-d), now); got != want {
			t.Errorf("Urgency(%v) = %q, want %q", d, got, want)
		}
	}
}
