package ws_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// TestAgentOnlyFields: a status change that sets priority, tags and a
// snooze reaches agents with all of them and the visitor with status and
// assignee alone; viewing frames reach the other agents, never the visitor,
// and a closing socket takes its viewing back.
func TestAgentOnlyFields(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	h := http.Header{"User-Agent": {"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}}
	v := servertest.DialHeader(t, n.WS+"/ws/visitor", h)
	v.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": "", "timezone": "Europe/Paris"})
	v.Expect("welcome")
	a1, a2 := n.Dial(t, "/ws/agent", ""), n.Dial(t, "/ws/agent", "")
	for _, a := range []*servertest.Raw{a1, a2} {
		a.SendJSON(map[string]any{"type": "hello", "token": n.AgentToken})
		a.Expect("welcome")
	}
	v.SendJSON(map[string]any{"type": "send", "id": "1", "conv": "", "cmid": "v1", "body": "hello"})
	conv := v.Expect("ack")["conv"].(string)
	a1.Expect("message")
	a2.Expect("message")
	visitorContextStored(t, n, conv)

	// Agent 1 views the conversation: agent 2 hears of it, the visitor not.
	a1.SendJSON(map[string]any{"type": "viewing", "conv": conv, "on": true})
	if f := a2.Expect("viewing"); f["conv"] != conv || f["on"] != true || f["author"].(map[string]any)["id"] != n.Agent.ID {
		t.Fatalf("agent 2 got %v", f)
	}

	snooze := time.Now().Add(time.Hour).UTC().Truncate(time.Millisecond)
	status, prio, tags := "snoozed", "urgent", []string{"billing", "vip"}
	if _, err := n.Server.Chat.Update(t.Context(), conv, store.ConversationPatch{Status: &status, Priority: &prio,
		Tags: &tags, SnoozedUntil: &snooze}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*servertest.Raw{a1, a2} {
		st := a.Await("status")
		if st["priority"] != prio || len(st["tags"].([]any)) != 2 || st["snoozed_until"] != snooze.Format(time.RFC3339Nano) {
			t.Fatalf("agent status %v, want priority, tags and snoozed_until", st)
		}
	}
	// The visitor's next frame is the status, with nothing agent-only in it
	// (and no viewing frame came before it).
	st := v.Expect("status")
	for _, field := range []string{"priority", "tags", "snoozed_until"} {
		if _, ok := st[field]; ok {
			t.Errorf("the visitor's status frame carries %q: %v", field, st)
		}
	}
	if st["status"] != status {
		t.Fatalf("visitor status %v", st)
	}

	// Agent 1's socket closes: agent 2 hears it stopped viewing.
	a1.Conn.CloseNow()
	if f := a2.Await("viewing"); f["conv"] != conv || f["on"] != false {
		t.Fatalf("after agent 1 left, agent 2 got %v", f)
	}
	// A visitor message reopens it: the visitor's status frame still has
	// four fields, the agent's no snooze any more.
	v.SendJSON(map[string]any{"type": "send", "id": "2", "conv": conv, "cmid": "v2", "body": "still there?"})
	v.Expect("ack")
	if st := v.Expect("status"); st["status"] != "open" || len(st) != 4 {
		t.Fatalf("visitor status %v, want type, conv, status and assignee only", st)
	}
	if st := a2.Await("status"); st["status"] != "open" || st["snoozed_until"] != nil || st["priority"] != prio {
		t.Fatalf("agent status after the reopen %v", st)
	}
}

// visitorContextStored checks that the socket's User-Agent and the
// hello's time zone were kept on the visitor.
func visitorContextStored(t *testing.T, n *servertest.Node, conv string) {
	t.Helper()
	c, err := n.Server.Store.ConversationByID(t.Context(), conv)
	if err != nil {
		t.Fatal(err)
	}
	vis, err := n.Server.Store.VisitorByID(t.Context(), c.VisitorID)
	if err != nil {
		t.Fatal(err)
	}
	if vis.UserAgent != "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" || vis.Timezone != "Europe/Paris" {
		t.Fatalf("visitor user agent %q, time zone %q", vis.UserAgent, vis.Timezone)
	}
}
