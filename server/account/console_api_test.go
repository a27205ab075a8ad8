package account_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// startConversation opens a visitor socket with a name and email and
// sends body in a new conversation; it returns the socket and the
// conversation id.
func startConversation(t *testing.T, n *servertest.Node, name, body string) (*servertest.Raw, string) {
	t.Helper()
	vs := n.Dial(t, "/ws/visitor", servertest.SiteOrigin)
	vs.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": "", "page": map[string]string{"url": "https://shop.test/"},
		"identity": map[string]string{"name": name, "email": "maria@example.com"}})
	vs.Expect("welcome")
	vs.SendJSON(map[string]any{"type": "send", "id": "s1", "conv": "", "cmid": "c1", "body": body})
	return vs, vs.Expect("ack")["conv"].(string)
}

type inboxItem struct {
	ID      string
	Status  string
	Visitor struct{ ID, Name, Email string }
	Last    *struct {
		Seq    int64
		Body   string
		Author struct{ Kind string }
	}
	WaitingSince *time.Time `json:"waiting_since"`
}

// TestConsoleInbox: the inbox list carries the visitor, the last message
// and whether the visitor waits; one conversation comes with its visitor,
// and its notes.
func TestConsoleInbox(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, a := signIn(t, n, "agent")
	anon := &client{t: t, n: n}
	if resp := anon.call(http.MethodGet, "/conversations", "", "", "", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the inbox without a session: HTTP %d", resp.StatusCode)
	}
	_, conv := startConversation(t, n, "Maria", "Where is my order?")

	var list struct{ Conversations []inboxItem }
	c.call(http.MethodGet, "/conversations", "", "", "", &list)
	if len(list.Conversations) != 1 {
		t.Fatalf("inbox %+v", list)
	}
	it := list.Conversations[0]
	if it.ID != conv || it.Status != "open" || it.Visitor.Name != "Maria" || it.Visitor.Email != "maria@example.com" ||
		it.Last == nil || it.Last.Body != "Where is my order?" || it.Last.Author.Kind != "visitor" || it.WaitingSince == nil {
		t.Fatalf("inbox item %+v", it)
	}

	ctx := context.Background()
	if _, err := n.Server.Chat.AgentSend(ctx, a, conv, "r1", "Looking now", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Server.Chat.AgentNote(ctx, a, conv, "n1", "VIP", ""); err != nil {
		t.Fatal(err)
	}
	c.call(http.MethodGet, "/conversations", "", "", "", &list)
	if it := list.Conversations[0]; it.WaitingSince != nil || it.Last.Body != "Looking now" || it.Last.Seq != 2 {
		t.Fatalf("after the reply the visitor no longer waits: %+v", it)
	}

	var one struct {
		ID      string
		Visitor struct{ Name string }
	}
	if resp := c.call(http.MethodGet, "/conversations/"+conv, "", "", "", &one); resp.StatusCode != http.StatusOK || one.ID != conv || one.Visitor.Name != "Maria" {
		t.Fatalf("one conversation: HTTP %d %+v", resp.StatusCode, one)
	}
	if resp := c.call(http.MethodGet, "/conversations/c_missing", "", "", "", nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown conversation: HTTP %d", resp.StatusCode)
	}
	var notes struct {
		Notes []struct {
			CMID, Body string
			Author     struct{ Kind, ID string }
		}
	}
	c.call(http.MethodGet, "/conversations/"+conv+"/notes", "", "", "", &notes)
	if len(notes.Notes) != 1 || notes.Notes[0].Body != "VIP" || notes.Notes[0].CMID != "n1" || notes.Notes[0].Author.ID != a.ID {
		t.Fatalf("notes %+v", notes)
	}
}

// TestConsolePatch: status and assignee changes need the CSRF token, are
// validated, and reach the visitor and the agents live.
func TestConsolePatch(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, a := signIn(t, n, "agent")
	vs, conv := startConversation(t, n, "Maria", "Hello?")
	sock := dialWithCookie(t, n, c.cookie, n.URL)
	sock.SendJSON(map[string]any{"type": "hello", "token": ""})
	sock.Expect("welcome")

	path := "/conversations/" + conv
	tests := []struct {
		name, path, origin, csrf, body string
		want                           int
	}{
		{"no CSRF token", path, n.URL, "", `{"status":"resolved"}`, http.StatusForbidden},
		{"cross-origin", path, "https://evil.example", c.csrf, `{"status":"resolved"}`, http.StatusForbidden},
		{"bad status", path, n.URL, c.csrf, `{"status":"done"}`, http.StatusBadRequest},
		{"unknown assignee", path, n.URL, c.csrf, `{"assignee":"a_nobody"}`, http.StatusBadRequest},
		{"unknown field", path, n.URL, c.csrf, `{"colour":"red"}`, http.StatusBadRequest},
		{"bad priority", path, n.URL, c.csrf, `{"priority":"asap"}`, http.StatusBadRequest},
		{"snoozed without until", path, n.URL, c.csrf, `{"status":"snoozed"}`, http.StatusBadRequest},
		{"nothing to change", path, n.URL, c.csrf, `{}`, http.StatusBadRequest},
		{"unknown conversation", "/conversations/c_missing", n.URL, c.csrf, `{"status":"resolved"}`, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if resp := c.call(http.MethodPatch, tt.path, tt.origin, tt.csrf, tt.body, nil); resp.StatusCode != tt.want {
				t.Fatalf("HTTP %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}

	var out struct{ Status, Assignee string }
	if resp := c.call(http.MethodPatch, path, n.URL, c.csrf, `{"assignee":"`+a.ID+`","status":"resolved"}`, &out); resp.StatusCode != http.StatusOK ||
		out.Status != "resolved" || out.Assignee != a.ID {
		t.Fatalf("assign and resolve: HTTP %d %+v", resp.StatusCode, out)
	}
	for who, s := range map[string]*servertest.Raw{"visitor": vs, "agent": sock} {
		if f := s.Expect("status"); f["status"] != "resolved" || f["assignee"] != a.ID || f["conv"] != conv {
			t.Fatalf("the %s's status frame: %v", who, f)
		}
	}
	if got, err := n.Server.Store.ConversationByID(context.Background(), conv); err != nil || got.Status != "resolved" || got.Assignee != a.ID {
		t.Fatalf("stored %+v, %v", got, err)
	}
}

// TestSession: /session answers 200 whether or not the agent is signed in.
func TestSession(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	var out struct {
		Agent *struct{ ID string }
		CSRF  string
	}
	anon := &client{t: t, n: n}
	if resp := anon.call(http.MethodGet, "/session", "", "", "", &out); resp.StatusCode != http.StatusOK || out.Agent != nil || out.CSRF != "" {
		t.Fatalf("signed out: HTTP %d %+v", resp.StatusCode, out)
	}
	c, a := signIn(t, n, store.RoleAgent)
	if resp := c.call(http.MethodGet, "/session", "", "", "", &out); resp.StatusCode != http.StatusOK || out.Agent == nil || out.Agent.ID != a.ID || out.CSRF != c.csrf {
		t.Fatalf("signed in: HTTP %d %+v", resp.StatusCode, out)
	}
}
