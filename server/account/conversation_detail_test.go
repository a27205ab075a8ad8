package account_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/servertest"
)

// TestConsolePatchPriorityTags: priority, tags and a snooze are stored,
// answered, sent to agents live and kept from the visitor; the detail
// carries them with the visitor's browser, time zone and read seq.
func TestConsolePatchPriorityTags(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, _ := signIn(t, n, "agent")
	vs := servertest.DialHeader(t, n.WS+"/ws/visitor", http.Header{"Origin": {servertest.SiteOrigin},
		"User-Agent": {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"}})
	vs.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": "", "timezone": "Asia/Tokyo",
		"attributes": map[string]string{"plan": "pro"}})
	vs.Expect("welcome")
	vs.SendJSON(map[string]any{"type": "send", "id": "s1", "conv": "", "cmid": "c1", "body": "Hi"})
	conv := vs.Expect("ack")["conv"].(string)
	vs.SendJSON(map[string]any{"type": "read", "conv": conv, "seq": 1})
	sock := dialWithCookie(t, n, c.cookie, n.URL)
	sock.SendJSON(map[string]any{"type": "hello", "token": ""})
	sock.Expect("welcome")

	until := time.Now().Add(2 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
	body := `{"priority":"high","tags":[" VIP ","billing","vip"],"status":"snoozed","snoozed_until":"` + until + `"}`
	var out struct {
		Status, Priority string
		Tags             []string
		SnoozedUntil     string `json:"snoozed_until"`
	}
	if resp := c.call(http.MethodPatch, "/conversations/"+conv, n.URL, c.csrf, body, &out); resp.StatusCode != http.StatusOK ||
		out.Priority != "high" || strings.Join(out.Tags, ",") != "vip,billing" || out.Status != "snoozed" || out.SnoozedUntil != until {
		t.Fatalf("PATCH: HTTP %d %+v", resp.StatusCode, out)
	}
	if f := sock.Await("status"); f["priority"] != "high" || len(f["tags"].([]any)) != 2 || f["snoozed_until"] != until {
		t.Fatalf("agent status frame %v", f)
	}
	if f := vs.Await("status"); f["priority"] != nil || f["tags"] != nil || f["snoozed_until"] != nil {
		t.Fatalf("the visitor's status frame carries agent-only fields: %v", f)
	}

	var d struct {
		Priority       string
		Tags           []string
		SnoozedUntil   string `json:"snoozed_until"`
		VisitorReadSeq int64  `json:"visitor_read_seq"`
		Visitor        struct {
			ID, Browser, Timezone string
			Attributes            map[string]string
		}
	}
	if resp := c.call(http.MethodGet, "/conversations/"+conv, "", "", "", &d); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET: HTTP %d", resp.StatusCode)
	}
	if d.Priority != "high" || len(d.Tags) != 2 || d.SnoozedUntil != until || d.VisitorReadSeq != 1 ||
		d.Visitor.Browser != "Chrome 156 · Windows" || d.Visitor.Timezone != "Asia/Tokyo" || d.Visitor.Attributes["plan"] != "pro" {
		t.Fatalf("detail %+v", d)
	}

	// Reopening clears the snooze.
	out.SnoozedUntil = ""
	if resp := c.call(http.MethodPatch, "/conversations/"+conv, n.URL, c.csrf, `{"status":"open"}`, &out); resp.StatusCode != http.StatusOK || out.SnoozedUntil != "" {
		t.Fatalf("reopen: HTTP %d %+v", resp.StatusCode, out)
	}
	visitorHistory(t, c, vs, d.Visitor.ID, conv)
}

// visitorHistory checks GET /visitors/{id}/conversations: newest first,
// with the last message, and 404 for an unknown visitor.
func visitorHistory(t *testing.T, c *client, vs *servertest.Raw, visitor, first string) {
	t.Helper()
	time.Sleep(5 * time.Millisecond) // activity is kept in milliseconds: make "newest" unambiguous
	vs.SendJSON(map[string]any{"type": "send", "id": "s2", "conv": "", "cmid": "c2", "body": "Another question"})
	second := vs.Await("ack")["conv"].(string)
	var list struct {
		Conversations []struct {
			ID   string
			Last *struct{ Body string }
		}
	}
	if resp := c.call(http.MethodGet, "/visitors/"+visitor+"/conversations", "", "", "", &list); resp.StatusCode != http.StatusOK {
		t.Fatalf("visitor conversations: HTTP %d", resp.StatusCode)
	}
	if len(list.Conversations) != 2 || list.Conversations[0].ID != second || list.Conversations[1].ID != first ||
		list.Conversations[0].Last == nil || list.Conversations[0].Last.Body != "Another question" {
		t.Fatalf("visitor conversations %+v, want %s then %s", list, second, first)
	}
	if resp := c.call(http.MethodGet, "/visitors/v_nobody/conversations", "", "", "", nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown visitor: HTTP %d", resp.StatusCode)
	}
	anon := &client{t: t, n: c.n}
	if resp := anon.call(http.MethodGet, "/visitors/"+visitor+"/conversations", "", "", "", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("signed out: HTTP %d", resp.StatusCode)
	}
}
