package ws_test

import (
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/servertest"
)

// TestMalformedInput is fault F7: every bad input gets the documented error
// frame or close code, and the server keeps serving a bystander throughout.
func TestMalformedInput(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	bystander := n.Dial(t, "/ws/visitor", servertest.SiteOrigin)
	bw := bystander.VisitorHello(n.SiteKey, "")
	bystander.SendJSON(map[string]any{"type": "send", "id": "b1", "conv": "", "cmid": "b-1", "body": "hello"})
	conv := bystander.Expect("ack")["conv"].(string)

	after := `{"type":"hello","site":"` + n.SiteKey + `","token":""}`
	tests := []struct {
		name   string
		path   string
		origin string
		frames []string // sent in order; the last one is under test
		code   string   // expected error code ("" for none)
		close  websocket.StatusCode
	}{
		{"not JSON", "/ws/visitor", "", []string{after, `{"type":`}, "bad_frame", -1},
		{"JSON array", "/ws/visitor", "", []string{after, `[1,2]`}, "bad_frame", -1},
		{"unknown type", "/ws/visitor", "", []string{after, `{"type":"shout","id":"x"}`}, "bad_frame", -1},
		{"type not a string", "/ws/visitor", "", []string{after, `{"type":7}`}, "bad_frame", -1},
		{"missing field", "/ws/visitor", "", []string{after, `{"type":"send","id":"1","conv":"","body":"hi"}`}, "bad_frame", -1},
		{"wrong-typed field", "/ws/visitor", "", []string{after, `{"type":"read","conv":"c","seq":"5"}`}, "bad_frame", -1},
		{"body over 4000 characters", "/ws/visitor", "", []string{after, `{"type":"send","id":"1","conv":"","cmid":"m","body":"` + strings.Repeat("é", 4001) + `"}`}, "too_large", -1},
		{"invalid UTF-8", "/ws/visitor", "", []string{after, "{\"type\":\"ping\",\"id\":\"\xff\"}"}, "bad_frame", -1},
		{"note from a visitor", "/ws/visitor", "", []string{after, `{"type":"send","id":"1","conv":"","cmid":"m","body":"x","note":true}`}, "bad_frame", -1},
		{"history limit over 100", "/ws/visitor", "", []string{after, `{"type":"history","id":"h","conv":"c","limit":101}`}, "bad_frame", -1},
		{"someone else's conversation", "/ws/visitor", "", []string{after, `{"type":"send","id":"1","conv":"` + conv + `","cmid":"m","body":"x"}`}, "not_found", -1},
		{"frame over 16 KiB", "/ws/visitor", "", []string{after, `{"type":"ping","id":"` + strings.Repeat("x", 17<<10) + `"}`}, "", websocket.StatusMessageTooBig},
		{"first frame not hello", "/ws/visitor", "", []string{`{"type":"ping"}`}, "bad_frame", websocket.StatusPolicyViolation},
		{"unknown site", "/ws/visitor", "", []string{`{"type":"hello","site":"pk_nope","token":""}`}, "not_found", websocket.StatusPolicyViolation},
		{"bad visitor token", "/ws/visitor", "", []string{`{"type":"hello","site":"` + n.SiteKey + `","token":"pvt_forged"}`}, "unauthorized", 4001},
		{"foreign origin on widget", "/ws/visitor", "https://evil.test", []string{after}, "unauthorized", websocket.StatusPolicyViolation},
		{"foreign origin on /ws/agent", "/ws/agent", "https://evil.test", nil, "unauthorized", websocket.StatusPolicyViolation},
		{"bad API token", "/ws/agent", "", []string{`{"type":"hello","token":"pat_forged"}`}, "unauthorized", 4001},
		{"agent hello without token", "/ws/agent", "", []string{`{"type":"hello","token":""}`}, "unauthorized", 4001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := n.Dial(t, tt.path, tt.origin)
			for _, f := range tt.frames {
				c.Send(f)
			}
			if len(tt.frames) > 1 {
				c.Expect("welcome")
			}
			if tt.code != "" {
				e := c.Expect("error")
				if e["code"] != tt.code {
					t.Fatalf("error code %v, want %s (%v)", e["code"], tt.code, e["message"])
				}
			}
			if tt.close != -1 {
				if got := c.ExpectClose(); got != tt.close {
					t.Fatalf("closed with %d, want %d", got, tt.close)
				}
			} else {
				c.Send(`{"type":"ping","id":"still-there"}`) // the socket stays usable
				if p := c.Expect("pong"); p["id"] != "still-there" {
					t.Fatalf("pong %v", p)
				}
			}
			bystander.Send(`{"type":"ping","id":"b"}`)
			bystander.Expect("pong")
		})
	}
	// The bystander still gets replies end to end.
	n.Reply(t, conv, "still here?", "r-1")
	if m := bystander.Expect("message"); m["conv"] != conv {
		t.Fatalf("bystander got %v", m)
	}
	_ = bw
}
