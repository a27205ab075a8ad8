package api_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/servertest"
)

// conversation is a conversation as REST v1 returns it.
type conversation struct {
	ID        string    `json:"id"`
	Site      string    `json:"site"`
	Status    string    `json:"status"`
	Assignee  string    `json:"assignee"`
	Priority  string    `json:"priority"`
	Tags      []string  `json:"tags"`
	LastSeq   int64     `json:"last_seq"`
	UpdatedAt time.Time `json:"updated_at"`
	VisitorID string    `json:"visitor_id"`
	Visitor   *struct {
		ID     string `json:"id"`
		Locale string `json:"locale"`
		Page   struct {
			URL, Title, Referrer string
		} `json:"page"`
	} `json:"visitor"`
}

type conversationList struct {
	Conversations []conversation `json:"conversations"`
	Cursor        string         `json:"cursor"`
}

// list returns the ids the list call with this query answers, in order.
func list(t *testing.T, n *servertest.Node, query string) ([]string, string) {
	t.Helper()
	var out conversationList
	call(t, n, n.AgentToken, http.MethodGet, "/conversations?"+query, nil).decode(t, http.StatusOK, &out)
	ids := make([]string, len(out.Conversations))
	for i, c := range out.Conversations {
		ids[i] = c.ID
	}
	return ids, out.Cursor
}

// patch applies body to conv and returns the answer.
func patch(t *testing.T, n *servertest.Node, conv string, body any) response {
	t.Helper()
	return call(t, n, n.AgentToken, http.MethodPatch, "/conversations/"+conv, body)
}

// get returns one conversation.
func get(t *testing.T, n *servertest.Node, conv string) conversation {
	t.Helper()
	var c conversation
	call(t, n, n.AgentToken, http.MethodGet, "/conversations/"+conv, nil).decode(t, http.StatusOK, &c)
	return c
}

func TestListEmptyIsArray(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	r := call(t, n, n.AgentToken, http.MethodGet, "/conversations", nil)
	var raw map[string]any
	r.decode(t, http.StatusOK, &raw)
	if list, ok := raw["conversations"].([]any); !ok || len(list) != 0 {
		t.Fatalf("empty list is %s, want \"conversations\": []", r.body)
	}
}

func TestListFilters(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	convs := startConversations(t, n, 3)
	resolved, assigned := convs[0], convs[1]
	if r := patch(t, n, resolved, map[string]any{"status": "resolved"}); r.status != http.StatusOK {
		t.Fatalf("resolve: HTTP %d %s", r.status, r.body)
	}
	if r := patch(t, n, assigned, map[string]any{"assignee": n.Agent.ID}); r.status != http.StatusOK {
		t.Fatalf("assign: HTTP %d %s", r.status, r.body)
	}
	other, err := admin.CreateSite(context.Background(), n.Server.Store, "Other shop", []string{servertest.SiteOrigin})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := newVisitor(t, n, other.Key).start(t, "hi from the other site")
	first := get(t, n, convs[2]).Site

	tests := []struct {
		query string
		want  []string // in any order
	}{
		{"", append(slices.Clone(convs), elsewhere)},
		{"status=resolved", []string{resolved}},
		{"status=open", []string{convs[1], convs[2], elsewhere}},
		{"status=snoozed", nil},
		{"site=" + other.ID, []string{elsewhere}},
		{"site=" + first, convs},
		{"site=site_unknown", nil},
		{"assignee=" + n.Agent.ID, []string{assigned}},
		{"assignee=none", []string{convs[0], convs[2], elsewhere}},
		{"assignee=none&status=open&site=" + first, []string{convs[2]}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, _ := list(t, n, tt.query)
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
	}
}

func TestListRejectsBadQuery(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	for _, query := range []string{"status=closed", "status=OPEN", "limit=0", "limit=1000", "limit=-1", "limit=ten", "cursor=yesterday"} {
		t.Run(query, func(t *testing.T) {
			call(t, n, n.AgentToken, http.MethodGet, "/conversations?"+query, nil).wantError(t, http.StatusBadRequest, "bad_request")
		})
	}
}

// TestListPaging follows the cursor two at a time and must visit every
// conversation exactly once, newest activity first.
func TestListPaging(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	convs := startConversations(t, n, 5)
	var seen []string
	query := "limit=2"
	for page := 0; ; page++ {
		if page > len(convs) {
			t.Fatalf("still paging after %d pages: %v", page, seen)
		}
		ids, cursor := list(t, n, query)
		if len(ids) > 2 {
			t.Fatalf("page of %d with limit=2", len(ids))
		}
		seen = append(seen, ids...)
		if cursor == "" {
			break
		}
		query = "limit=2&cursor=" + url.QueryEscape(cursor)
	}
	want := slices.Clone(convs)
	slices.Reverse(want)
	if !slices.Equal(seen, want) {
		t.Fatalf("paging visited %v, want each once newest first: %v", seen, want)
	}
}

func TestGetConversation(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	raw := n.Dial(t, "/ws/visitor", servertest.SiteOrigin)
	raw.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": "", "locale": "de-CH",
		"page": map[string]string{"url": "https://shop.test/pricing?plan=pro", "title": "Pricing", "referrer": "https://search.test/"}})
	w := raw.Expect("welcome")
	v := visitor{Raw: raw, id: w["visitor"].(map[string]any)["id"].(string)}
	conv := v.start(t, "is there a discount?")

	c := get(t, n, conv)
	if c.ID != conv || c.Status != "open" || c.LastSeq != 1 || c.VisitorID != v.id || c.Tags == nil {
		t.Errorf("conversation %+v", c)
	}
	switch {
	case c.Visitor == nil:
		t.Fatal("no visitor details")
	case c.Visitor.ID != v.id, c.Visitor.Locale != "de-CH":
		t.Errorf("visitor %+v, want id %s and locale de-CH", *c.Visitor, v.id)
	case c.Visitor.Page.URL != "https://shop.test/pricing?plan=pro", c.Visitor.Page.Title != "Pricing",
		c.Visitor.Page.Referrer != "https://search.test/":
		t.Errorf("visitor page %+v", c.Visitor.Page)
	}
	call(t, n, n.AgentToken, http.MethodGet, "/conversations/c_missing", nil).wantError(t, http.StatusNotFound, "not_found")
}

func TestPatchConversation(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	v := newVisitor(t, n, n.SiteKey)
	conv := v.start(t, "help")

	var c conversation
	patch(t, n, conv, map[string]any{"status": "resolved"}).decode(t, http.StatusOK, &c)
	if c.Status != "resolved" {
		t.Fatalf("after resolve: %+v", c)
	}
	if st := v.Expect("status"); st["conv"] != conv || st["status"] != "resolved" {
		t.Fatalf("visitor got %v, want status resolved", st)
	}

	helper, _ := addAgent(t, n, "helper@shop.test", "agent")
	patch(t, n, conv, map[string]any{"assignee": helper.ID, "priority": "high", "tags": []string{"vip", "billing"}}).
		decode(t, http.StatusOK, &c)
	got := get(t, n, conv)
	if got.Assignee != helper.ID || got.Priority != "high" || !slices.Equal(got.Tags, []string{"vip", "billing"}) ||
		got.Status != "resolved" {
		t.Fatalf("after patch: %+v", got)
	}
	if st := v.Expect("status"); st["assignee"] != helper.ID {
		t.Fatalf("visitor got %v, want the new assignee", st)
	}
	patch(t, n, conv, map[string]any{"assignee": "", "tags": []string{}}).decode(t, http.StatusOK, &c)
	if got := get(t, n, conv); got.Assignee != "" || len(got.Tags) != 0 || got.Priority != "high" {
		t.Fatalf("after unassign and untag: %+v", got)
	}

	bad := []struct {
		name, conv string
		body       any
		status     int
		code       string
	}{
		{"invalid status", conv, map[string]any{"status": "closed"}, http.StatusBadRequest, "bad_request"},
		{"unknown assignee", conv, map[string]any{"assignee": "a_nobody"}, http.StatusBadRequest, "bad_request"},
		{"unknown field", conv, map[string]any{"colour": "red"}, http.StatusBadRequest, "bad_request"},
		{"malformed JSON", conv, `{"status":`, http.StatusBadRequest, "bad_request"},
		{"tags not a list", conv, `{"tags":"vip"}`, http.StatusBadRequest, "bad_request"},
		{"unknown conversation", "c_missing", map[string]any{"status": "resolved"}, http.StatusNotFound, "not_found"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			patch(t, n, tt.conv, tt.body).wantError(t, tt.status, tt.code)
		})
	}
	if got := get(t, n, conv); got.Status != "resolved" || got.Assignee != "" {
		t.Fatalf("a rejected patch changed the conversation: %+v", got)
	}
}
