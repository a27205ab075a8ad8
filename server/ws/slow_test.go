package ws_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/servertest"
)

// TestSlowReaderIsClosed is fault F6: a socket that stops reading in a busy
// conversation is closed with 4008 while another tab of the same visitor
// keeps receiving every message, and it then resumes with nothing lost.
func TestSlowReaderIsClosed(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	fast := n.Dial(t, "/ws/visitor", "")
	w := fast.VisitorHello(n.SiteKey, "")
	token := w["visitor"].(map[string]any)["token"].(string)
	fast.SendJSON(map[string]any{"type": "send", "id": "1", "conv": "", "cmid": "start", "body": "hello"})
	conv := fast.Expect("ack")["conv"].(string)

	slow := n.Dial(t, "/ws/visitor", "")
	slow.VisitorHello(n.SiteKey, token) // then never reads until kicked

	body := strings.Repeat("x", 3900)
	kicks := func() int64 { return n.Server.WS.Metrics().Snapshot()["slow_consumer_kicks"] }
	sent, received := int64(1), int64(1)
	for kicks() == 0 {
		if sent > 5000 {
			t.Fatal("the slow reader was never closed")
		}
		sent = n.Reply(t, conv, body, fmt.Sprintf("r-%d", sent))
		for received < sent { // the fast tab keeps up throughout
			m := fast.Expect("message")
			if seq := int64(m["seq"].(float64)); seq != received+1 {
				t.Fatalf("fast tab got seq %d after %d", seq, received)
			}
			received++
		}
	}
	t.Logf("slow reader closed after %d messages; the fast tab received all %d in order", sent, received)
	if code := slow.ExpectClose(); code != 4008 {
		t.Fatalf("slow reader closed with %d, want 4008", code)
	}

	// It resumes with nothing lost.
	again := n.Dial(t, "/ws/visitor", "")
	again.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": token, "resume": map[string]int64{conv: 1}})
	again.Expect("welcome")
	for want := int64(2); want <= sent; want++ {
		if seq := int64(again.Expect("message")["seq"].(float64)); seq != want {
			t.Fatalf("resumed stream gave seq %d, want %d", seq, want)
		}
	}
}
