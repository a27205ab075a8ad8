package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/servertest"
)

// message is a message as REST v1 returns it.
type message struct {
	Conv   string `json:"conv"`
	ID     string `json:"id"`
	Seq    int64  `json:"seq"`
	CMID   string `json:"cmid"`
	Body   string `json:"body"`
	Note   bool   `json:"note"`
	Author struct {
		Kind, ID, Name string
	} `json:"author"`
}

// messages returns the conversation's messages the query selects.
func messages(t *testing.T, n *servertest.Node, conv, query string) []message {
	t.Helper()
	var out struct {
		Messages []message `json:"messages"`
	}
	call(t, n, n.AgentToken, http.MethodGet, "/conversations/"+conv+"/messages?"+query, nil).decode(t, http.StatusOK, &out)
	return out.Messages
}

func seqs(ms []message) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.Seq
	}
	return out
}

func TestListMessages(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	conv := newVisitor(t, n, n.SiteKey).start(t, "where is my parcel?")
	n.Reply(t, conv, "Let me look.", "r1")
	n.Reply(t, conv, "It ships today.", "r2")

	tests := []struct {
		query string
		want  []int64
	}{
		{"", []int64{1, 2, 3}},
		{"after=0", []int64{1, 2, 3}},
		{"after=1", []int64{2, 3}},
		{"after=1&limit=1", []int64{2}},
		{"limit=2", []int64{1, 2}},
		{"after=3", []int64{}},
		{"after=99", []int64{}},
	}
	for _, tt := range tests {
		t.Run("?"+tt.query, func(t *testing.T) {
			if got := seqs(messages(t, n, conv, tt.query)); !slices.Equal(got, tt.want) {
				t.Fatalf("seqs %v, want %v", got, tt.want)
			}
		})
	}
	if ms := messages(t, n, conv, ""); ms[0].Author.Kind != "visitor" || ms[1].Author.Kind != "agent" ||
		ms[1].Author.ID != n.Agent.ID || ms[2].Body != "It ships today." || ms[2].Conv != conv {
		t.Errorf("messages %+v", ms)
	}

	bad := []struct {
		name, path string
		status     int
		code       string
	}{
		{"after not a number", conv + "/messages?after=x", http.StatusBadRequest, "bad_request"},
		{"negative after", conv + "/messages?after=-1", http.StatusBadRequest, "bad_request"},
		{"limit 0", conv + "/messages?limit=0", http.StatusBadRequest, "bad_request"},
		{"limit over 1000", conv + "/messages?limit=1001", http.StatusBadRequest, "bad_request"},
		{"unknown conversation", "c_missing/messages", http.StatusNotFound, "not_found"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			call(t, n, n.AgentToken, http.MethodGet, "/conversations/"+tt.path, nil).wantError(t, tt.status, tt.code)
		})
	}
}

// TestPostMessage covers replies, cmid idempotency and internal notes, and
// what the visitor's socket sees of each.
func TestPostMessage(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	v := newVisitor(t, n, n.SiteKey)
	conv := v.start(t, "hello?")
	post := func(body any) response {
		t.Helper()
		return call(t, n, n.AgentToken, http.MethodPost, "/conversations/"+conv+"/messages", body)
	}

	var first message
	post(map[string]any{"body": "Hi there!", "cmid": "api-1"}).decode(t, http.StatusCreated, &first)
	if first.Seq != 2 || first.ID == "" || first.CMID != "api-1" || first.Conv != conv || first.Note ||
		first.Author.Kind != "agent" || first.Author.ID != n.Agent.ID {
		t.Fatalf("reply %+v", first)
	}
	if m := v.Expect("message"); m["conv"] != conv || m["seq"] != 2.0 || m["msg"].(map[string]any)["body"] != "Hi there!" {
		t.Fatalf("visitor got %v, want the reply", m)
	}

	var again message
	post(map[string]any{"body": "Hi there!", "cmid": "api-1"}).decode(t, http.StatusOK, &again)
	if again.Seq != first.Seq || again.ID != first.ID {
		t.Fatalf("repeated cmid stored %+v, first was %+v", again, first)
	}

	var note message
	post(map[string]any{"body": "VIP, be nice", "cmid": "note-1", "note": true}).decode(t, http.StatusCreated, &note)
	if !note.Note || note.Body != "VIP, be nice" || note.ID == "" {
		t.Fatalf("note %+v", note)
	}
	post(map[string]any{"body": "VIP, be nice", "cmid": "note-1", "note": true}).decode(t, http.StatusOK, &note)

	var next message
	post(map[string]any{"body": "Anything else?", "cmid": "api-2"}).decode(t, http.StatusCreated, &next)
	if next.Seq != 3 {
		t.Fatalf("reply after the note has seq %d, want 3", next.Seq)
	}
	// The visitor's next frame is that reply: neither the repeat nor the
	// note reached the visitor.
	if m := v.Expect("message"); m["seq"] != 3.0 || m["msg"].(map[string]any)["body"] != "Anything else?" {
		t.Fatalf("visitor got %v, want the reply with seq 3", m)
	}
	if got := seqs(messages(t, n, conv, "")); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("stored seqs %v, want [1 2 3]", got)
	}
	for _, m := range messages(t, n, conv, "") {
		if m.Note || m.Body == "VIP, be nice" {
			t.Fatalf("note listed among messages: %+v", m)
		}
	}
}

func TestPostMessageRejects(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	conv := newVisitor(t, n, n.SiteKey).start(t, "hello?")
	tests := []struct {
		name, conv string
		body       any
		status     int
		code       string
	}{
		{"empty body", conv, map[string]any{"body": "", "cmid": "e1"}, http.StatusBadRequest, "bad_request"},
		{"no body field", conv, map[string]any{"cmid": "e2"}, http.StatusBadRequest, "bad_request"},
		{"4001 characters", conv, map[string]any{"body": strings.Repeat("a", 4001)}, http.StatusRequestEntityTooLarge, "too_large"},
		{"4001 multi-byte characters", conv, map[string]any{"body": strings.Repeat("中", 4001)}, http.StatusRequestEntityTooLarge, "too_large"},
		{"request over 64 KiB", conv, `{"body":"` + strings.Repeat("a", 65<<10) + `"}`, http.StatusRequestEntityTooLarge, "too_large"},
		{"cmid over 64 characters", conv, map[string]any{"body": "x", "cmid": strings.Repeat("c", 65)}, http.StatusBadRequest, "bad_request"},
		{"malformed JSON", conv, `{"body": "x"`, http.StatusBadRequest, "bad_request"},
		{"not an object", conv, `["x"]`, http.StatusBadRequest, "bad_request"},
		{"no request body", conv, "", http.StatusBadRequest, "bad_request"},
		{"unknown field", conv, map[string]any{"body": "x", "attachments": []string{}}, http.StatusBadRequest, "bad_request"},
		{"note not a bool", conv, `{"body":"x","note":"yes"}`, http.StatusBadRequest, "bad_request"},
		{"unknown conversation", "c_missing", map[string]any{"body": "x"}, http.StatusNotFound, "not_found"},
		{"unknown conversation, note", "c_missing", map[string]any{"body": "x", "note": true}, http.StatusNotFound, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call(t, n, n.AgentToken, http.MethodPost, "/conversations/"+tt.conv+"/messages", tt.body).wantError(t, tt.status, tt.code)
		})
	}
	if got := seqs(messages(t, n, conv, "")); !slices.Equal(got, []int64{1}) {
		t.Fatalf("rejected posts stored messages: seqs %v", got)
	}
}
