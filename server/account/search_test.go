package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

type searchItem struct {
	ID           string
	Status       string
	SnoozedUntil *time.Time `json:"snoozed_until"`
	Match        *struct {
		Seq  int64
		Body string
	}
}

// TestConsoleSearch: ?q= finds conversations of any status by the
// visitor's name or email or a message's text, with the matching message
// as a snippet; a too long query is a 400; the list carries snoozed_until.
func TestConsoleSearch(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, a := signIn(t, n, "agent")
	_, parcel := startConversation(t, n, "Maria", "Hello")
	ctx := context.Background()
	if _, err := n.Server.Chat.AgentSend(ctx, a, parcel, "r1", "Your PARCEL left the depot at 100% speed", "", nil); err != nil {
		t.Fatal(err)
	}
	resolved := "resolved"
	if _, err := n.Server.Store.UpdateConversation(ctx, parcel, store.ConversationPatch{Status: &resolved}); err != nil {
		t.Fatal(err)
	}
	search := func(q string) []searchItem {
		t.Helper()
		var out struct{ Conversations []searchItem }
		if resp := c.call(http.MethodGet, "/conversations?q="+url.QueryEscape(q), "", "", "", &out); resp.StatusCode != http.StatusOK {
			t.Fatalf("search %q: HTTP %d", q, resp.StatusCode)
		}
		return out.Conversations
	}
	tests := []struct {
		q         string
		want      int
		wantMatch string
	}{
		{"parcel", 1, "Your PARCEL left the depot at 100% speed"},
		{"  MARIA ", 1, ""},
		{"maria@example", 1, ""},
		{"100%", 1, "Your PARCEL left the depot at 100% speed"},
		{"10_%", 0, ""},
		{"nobody", 0, ""},
	}
	for _, tt := range tests {
		got := search(tt.q)
		if len(got) != tt.want {
			t.Fatalf("search %q found %+v, want %d", tt.q, got, tt.want)
		}
		if tt.want == 0 {
			continue
		}
		if got[0].ID != parcel || got[0].Status != "resolved" {
			t.Errorf("search %q found %+v", tt.q, got[0])
		}
		if match := got[0].Match; tt.wantMatch == "" && match != nil || tt.wantMatch != "" && (match == nil || match.Body != tt.wantMatch || match.Seq != 2) {
			t.Errorf("search %q: match %+v, want %q", tt.q, match, tt.wantMatch)
		}
	}
	if resp := c.call(http.MethodGet, "/conversations?q="+strings.Repeat("x", 101), "", "", "", nil); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("a 101-character query: HTTP %d, want 400", resp.StatusCode)
	}

	snoozed, until := "snoozed", time.Now().Add(time.Hour).UTC().Truncate(time.Millisecond)
	if _, err := n.Server.Store.UpdateConversation(ctx, parcel, store.ConversationPatch{Status: &snoozed, SnoozedUntil: &until}); err != nil {
		t.Fatal(err)
	}
	var list struct{ Conversations []searchItem }
	c.call(http.MethodGet, "/conversations", "", "", "", &list)
	if len(list.Conversations) != 1 || list.Conversations[0].SnoozedUntil == nil || !list.Conversations[0].SnoozedUntil.Equal(until) {
		t.Fatalf("the inbox after snoozing: %+v, want snoozed_until %v", list.Conversations, until)
	}
}

// TestConsoleSearchCap: a search lists at most 50 conversations, the
// newest first.
func TestConsoleSearchCap(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, _ := signIn(t, n, "agent")
	ctx := context.Background()
	site, err := n.Server.Store.SiteByKey(ctx, n.SiteKey)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 55 {
		v, err := n.Server.Store.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: "tok-" + string(rune('A'+i)), Name: "Same Name"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := n.Server.Store.StartConversation(ctx, site.ID, v.ID, store.NewMessage{AuthorKind: "visitor", AuthorID: v.ID, CMID: "c", Body: "hi"}); err != nil {
			t.Fatal(err)
		}
	}
	var out struct{ Conversations []searchItem }
	c.call(http.MethodGet, "/conversations?q=same", "", "", "", &out)
	if len(out.Conversations) != 50 {
		t.Fatalf("search listed %d conversations, want 50", len(out.Conversations))
	}
}
