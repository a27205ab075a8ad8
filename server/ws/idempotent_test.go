package ws_test

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/server/servertest"
)

// TestRetriedSendIsStoredOnce is acceptance point 3: a send retried after a
// lost ack (same cmid) yields one stored message and the same ack, on the
// same socket and after a reconnect, for new and existing conversations.
func TestRetriedSendIsStoredOnce(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c := n.Dial(t, "/ws/visitor", "")
	w := c.VisitorHello(n.SiteKey, "")
	token := w["visitor"].(map[string]any)["token"].(string)

	send := map[string]any{"type": "send", "id": "1", "conv": "", "cmid": "first", "body": "hi"}
	c.SendJSON(send)
	a1 := c.Expect("ack")
	c.SendJSON(send) // same cmid, conv "" again: must not start a second conversation
	a2 := c.Expect("ack")
	if a1["conv"] != a2["conv"] || a1["seq"] != a2["seq"] || a1["at"] != a2["at"] {
		t.Fatalf("acks differ: %v vs %v", a1, a2)
	}
	conv := a1["conv"].(string)

	// The ack of the second message is "lost": the socket dies before it is read.
	c.SendJSON(map[string]any{"type": "send", "id": "2", "conv": conv, "cmid": "second", "body": "anyone?"})
	c.Conn.CloseNow()
	c2 := n.Dial(t, "/ws/visitor", "")
	c2.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": token, "resume": map[string]int64{conv: 1}})
	c2.Expect("welcome")
	c2.SendJSON(map[string]any{"type": "send", "id": "3", "conv": conv, "cmid": "second", "body": "anyone?"})
	// The message may arrive first by resume replay; either way the ack comes
	// and names seq 2.
	for {
		f, _ := c2.Read()
		if f["type"] == "ack" {
			if f["seq"].(float64) != 2 || f["cmid"] != "second" {
				t.Fatalf("ack %v, want seq 2", f)
			}
			break
		}
	}
	msgs, err := n.Server.Store.MessagesAfter(context.Background(), conv, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("store holds %d messages, want 2", len(msgs))
	}
	convs, err := n.Server.Store.ListConversations(context.Background(), storeFilterAll())
	if err != nil || len(convs) != 1 {
		t.Fatalf("store holds %d conversations (%v), want 1", len(convs), err)
	}
}
