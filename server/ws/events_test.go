package ws_test

import (
	"net/http"
	"testing"

	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/servertest"
)

// TestAgentSocketEvents covers the agent protocol beyond messages: notes
// reach agents and never the visitor; typing and read receipts flow both
// ways; status changes reach the visitor; a visitor message reopens a
// resolved conversation; history pages in seq order.
func TestAgentSocketEvents(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	v := n.Dial(t, "/ws/visitor", "")
	v.VisitorHello(n.SiteKey, "")
	a1, a2 := n.Dial(t, "/ws/agent", ""), n.Dial(t, "/ws/agent", "")
	for _, a := range []*servertest.Raw{a1, a2} {
		a.SendJSON(map[string]any{"type": "hello", "token": n.AgentToken})
		if w := a.Expect("welcome"); w["agent"].(map[string]any)["email"] != "agent@shop.test" {
			t.Fatalf("agent welcome %v", w)
		}
	}
	v.SendJSON(map[string]any{"type": "send", "id": "1", "conv": "", "cmid": "v1", "body": "my order is late"})
	conv := v.Expect("ack")["conv"].(string)
	for _, a := range []*servertest.Raw{a1, a2} {
		if m := a.Expect("message"); m["conv"] != conv || m["seq"] != 1.0 {
			t.Fatalf("agent got %v", m)
		}
	}

	v.SendJSON(map[string]any{"type": "typing", "conv": conv, "on": true})
	if ty := a1.Expect("typing"); ty["on"] != true || ty["author"].(map[string]any)["kind"] != "visitor" {
		t.Fatalf("typing %v", ty)
	}
	a2.Expect("typing")
	a1.SendJSON(map[string]any{"type": "typing", "conv": conv, "on": true})
	if ty := v.Expect("typing"); ty["author"].(map[string]any)["kind"] != "agent" {
		t.Fatalf("visitor saw typing %v", ty)
	}
	a2.Expect("typing") // the other agent sees agent 1 typing

	a1.SendJSON(map[string]any{"type": "send", "id": "n1", "conv": conv, "cmid": "note-1", "body": "VIP customer", "note": true})
	if ack := a1.Expect("ack"); ack["cmid"] != "note-1" {
		t.Fatalf("note ack %v", ack)
	}
	if note := a2.Expect("note"); note["note"].(map[string]any)["body"] != "VIP customer" {
		t.Fatalf("note %v", note)
	}
	a1.SendJSON(map[string]any{"type": "send", "id": "r1", "conv": conv, "cmid": "reply-1", "body": "Let me check."})
	if ack := a1.Expect("ack"); ack["seq"] != 2.0 {
		t.Fatalf("reply ack %v", ack)
	}
	// The visitor's next frame is the reply: the note never reached it.
	if m := v.Expect("message"); m["seq"] != 2.0 || m["msg"].(map[string]any)["body"] != "Let me check." {
		t.Fatalf("visitor got %v, want the reply (and never the note)", m)
	}
	a2.Expect("message")

	v.SendJSON(map[string]any{"type": "read", "conv": conv, "seq": 2})
	if r := a1.Expect("read"); r["seq"] != 2.0 {
		t.Fatalf("read %v", r)
	}
	a1.SendJSON(map[string]any{"type": "read", "conv": conv, "seq": 1})
	if r := v.Expect("read"); r["author"].(map[string]any)["kind"] != "agent" {
		t.Fatalf("visitor read receipt %v", r)
	}

	resolved := "resolved"
	if code := n.API(t, http.MethodPatch, "/conversations/"+conv, map[string]any{"status": resolved}, nil); code != http.StatusOK {
		t.Fatalf("PATCH: HTTP %d", code)
	}
	if st := v.Expect("status"); st["status"] != resolved {
		t.Fatalf("visitor status %v", st)
	}
	v.SendJSON(map[string]any{"type": "send", "id": "2", "conv": conv, "cmid": "v2", "body": "still late"})
	v.Expect("ack")
	if st := v.Expect("status"); st["status"] != "open" {
		t.Fatalf("a visitor message should reopen the conversation, got %v", st)
	}

	a3 := n.Dial(t, "/ws/agent", "") // a quiet socket, so history is the next frame
	a3.SendJSON(map[string]any{"type": "hello", "token": n.AgentToken})
	a3.Expect("welcome")
	a3.SendJSON(map[string]any{"type": "history", "id": "h", "conv": conv, "before": 0, "limit": 2})
	h := a3.Await("history") // a late status frame of the reopen may come first
	msgs := h["messages"].([]any)
	if len(msgs) != 2 || msgs[0].(map[string]any)["seq"] != 2.0 || msgs[1].(map[string]any)["seq"] != 3.0 {
		t.Fatalf("history %v", h)
	}
}

// TestVisitorRateLimit: a visitor sending faster than the limit gets
// rate_limited with a retry hint, and nothing is stored for it.
func TestVisitorRateLimit(t *testing.T) {
	n := servertest.Start(t, servertest.Options{Configure: func(c *config.Config) { c.VisitorRate, c.VisitorBurst = 60, 3 }})
	v := n.Dial(t, "/ws/visitor", "")
	v.VisitorHello(n.SiteKey, "")
	v.SendJSON(map[string]any{"type": "send", "id": "0", "conv": "", "cmid": "m0", "body": "hi"})
	conv := v.Expect("ack")["conv"].(string)
	for i := 1; i < 3; i++ {
		v.SendJSON(map[string]any{"type": "send", "id": "x", "conv": conv, "cmid": "m" + string(rune('0'+i)), "body": "hi"})
		v.Expect("ack")
	}
	v.SendJSON(map[string]any{"type": "send", "id": "over", "conv": conv, "cmid": "m9", "body": "too fast"})
	e := v.Expect("error")
	if e["code"] != "rate_limited" || e["id"] != "over" || e["retry_after_ms"].(float64) <= 0 {
		t.Fatalf("error %v", e)
	}
	var list struct {
		Messages []any `json:"messages"`
	}
	n.API(t, http.MethodGet, "/conversations/"+conv+"/messages", nil, &list)
	if len(list.Messages) != 3 {
		t.Fatalf("%d messages stored, want 3", len(list.Messages))
	}
}
