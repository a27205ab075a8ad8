package ws_test

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/servertest"
)

// TestTypingOnlyForOwnConversations: a visitor cannot make agents see
// typing in someone else's conversation.
func TestTypingOnlyForOwnConversations(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	victim, other := n.Dial(t, "/ws/visitor", ""), n.Dial(t, "/ws/visitor", "")
	victim.VisitorHello(n.SiteKey, "")
	other.VisitorHello(n.SiteKey, "")
	victim.SendJSON(map[string]any{"type": "send", "id": "1", "conv": "", "cmid": "v", "body": "hi"})
	conv := victim.Expect("ack")["conv"].(string)
	agent := n.Dial(t, "/ws/agent", "")
	agent.SendJSON(map[string]any{"type": "hello", "token": n.AgentToken})
	agent.Expect("welcome")

	other.SendJSON(map[string]any{"type": "typing", "conv": conv, "on": true})
	victim.SendJSON(map[string]any{"type": "typing", "conv": conv, "on": true})
	for {
		f, _ := agent.Read()
		if f["type"] != "typing" {
			continue
		}
		if by := f["author"].(map[string]any)["id"]; by != victim.VisitorID() {
			t.Fatalf("agent saw typing by %v in the victim's conversation", by)
		}
		return
	}
}

// TestRepeatedSendGetsEveryAck: the same cmid sent twice before the first
// ack answers both requests, with one message stored.
func TestRepeatedSendGetsEveryAck(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	v := n.Dial(t, "/ws/visitor", "")
	v.VisitorHello(n.SiteKey, "")
	v.SendJSON(map[string]any{"type": "send", "id": "a", "conv": "", "cmid": "same", "body": "hi"})
	v.SendJSON(map[string]any{"type": "send", "id": "b", "conv": "", "cmid": "same", "body": "hi"})
	got := map[any]float64{}
	for len(got) < 2 {
		a := v.Expect("ack")
		got[a["id"]] = a["seq"].(float64)
	}
	if got["a"] != 1 || got["b"] != 1 {
		t.Fatalf("acks %v, want both requests answered with seq 1", got)
	}
}

// TestUnprovenIdentityClearsVerified: a verified visitor who later claims
// another identity without a valid hash loses the verified mark.
func TestUnprovenIdentityClearsVerified(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	site, err := n.Server.Store.SiteByKey(context.Background(), n.SiteKey)
	if err != nil {
		t.Fatal(err)
	}
	hello := func(token string, id map[string]string) string {
		c := n.Dial(t, "/ws/visitor", "")
		c.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": token, "identity": id})
		return c.Expect("welcome")["visitor"].(map[string]any)["token"].(string)
	}
	token := hello("", map[string]string{"user_id": "u1", "email": "u1@shop.test", "name": "U", "hash": auth.IdentityHash(site.IdentitySecret, "u1")})
	v, err := n.Server.Store.VisitorByToken(context.Background(), site.ID, auth.HashToken(token))
	if err != nil || !v.Verified || v.UserID != "u1" {
		t.Fatalf("after a valid hash: %+v %v", v, err)
	}
	hello(token, map[string]string{"user_id": "ceo", "email": "ceo@shop.test", "name": "The CEO", "hash": "forged"})
	v, _ = n.Server.Store.VisitorByToken(context.Background(), site.ID, auth.HashToken(token))
	if v.Verified || v.UserID != "" {
		t.Fatalf("an unproven identity kept the verified mark: %+v", v)
	}
}

// TestAgentResumeOfUnknownConversation: a resume entry naming no
// conversation is ignored; the socket stays up.
func TestAgentResumeOfUnknownConversation(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	a := n.Dial(t, "/ws/agent", "")
	a.SendJSON(map[string]any{"type": "hello", "token": n.AgentToken, "resume": map[string]int64{"c_gone": 7}})
	a.Expect("welcome")
	a.Send(`{"type":"ping","id":"p"}`)
	a.Expect("pong")
}

// TestFrameFloodIsLimited: a visitor socket flooding frames gets
// rate_limited errors and keeps working.
func TestFrameFloodIsLimited(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	v := n.Dial(t, "/ws/visitor", "")
	v.VisitorHello(n.SiteKey, "")
	for range 100 {
		v.Send(`{"type":"ping"}`)
	}
	limited := 0
	for range 100 {
		if f := v.Expect2("pong", "error"); f["type"] == "error" {
			if f["code"] != "rate_limited" {
				t.Fatalf("error %v", f)
			}
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("100 frames at once were all accepted")
	}
}
