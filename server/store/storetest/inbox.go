package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func inboxTests() []test {
	return []test{
		{"inbox/waiting since follows who wrote last", testWaitingSince},
		{"inbox/entries carry visitor and last message", testInboxEntries},
		{"inbox/query matches name, email and messages", testInboxQuery},
		{"inbox/query escapes LIKE wildcards", testInboxQueryEscapes},
		{"inbox/wake reopens due snoozes", testWakeSnoozed},
		{"inbox/wake concurrently returns each once", testWakeConcurrent},
	}
}

func testWaitingSince(t *testing.T, s store.Store) {
	ctx := t.Context()
	site := mustSite(t, s)
	v := mustVisitor(t, s, site.ID)
	c, first := mustStart(t, s, site.ID, v.ID)
	equal(t, "after the first visitor message", c.WaitingSince, first.At)
	waiting := func(what string, want time.Time) {
		t.Helper()
		got, err := s.ConversationByID(ctx, c.ID)
		must(t, err)
		equal(t, what, got.WaitingSince, want)
	}
	tick()
	mustAppend(t, s, visitorMsg(c.ID, v.ID, unique("m")))
	waiting("after a second visitor message", first.At)
	mustAppend(t, s, store.NewMessage{ConvID: c.ID, AuthorKind: "bot", AuthorID: "bot", CMID: unique("m"), Body: "A teammate will reply soon"})
	waiting("after a bot message", first.At)
	mustAppend(t, s, agentMsg(c.ID, "a_1", unique("m")))
	waiting("after an agent's answer", time.Time{})
	mustAppend(t, s, store.NewMessage{ConvID: c.ID, AuthorKind: "system", AuthorID: "sys", CMID: unique("m"), Body: "Rated 5"})
	waiting("after a system message", time.Time{})
	tick()
	again := mustAppend(t, s, visitorMsg(c.ID, v.ID, unique("m")))
	waiting("after the visitor asked again", again.At)
	list, err := s.ListConversations(ctx, store.ConversationFilter{VisitorID: v.ID})
	must(t, err)
	equal(t, "listed waiting since", list[0].WaitingSince, again.At)
}

func testInboxEntries(t *testing.T, s store.Store) {
	ctx := t.Context()
	site := mustSite(t, s)
	v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: unique("tok"), Name: "Maria Garcia", Email: "maria@example.com"})
	must(t, err)
	c, _ := mustStart(t, s, site.ID, v.ID)
	last := mustAppend(t, s, agentMsg(c.ID, "a_1", unique("m")))
	tick()
	other := mustConv(t, s)
	got, err := s.InboxEntries(ctx, store.ConversationFilter{Limit: 10})
	must(t, err)
	equal(t, "ids", entryIDs(got), []string{other.ID, c.ID})
	e := got[1]
	equal(t, "visitor", e.Visitor, store.Visitor{ID: v.ID, Name: "Maria Garcia", Email: "maria@example.com"})
	if e.Last == nil {
		t.Fatal("no last message")
	}
	last.Created = false
	equal(t, "last message", *e.Last, last)
	equal(t, "conversation", e.Conversation.LastSeq, int64(2))
	if e.Match != nil {
		t.Errorf("match %+v without a query", e.Match)
	}
	limited, err := s.InboxEntries(ctx, store.ConversationFilter{Limit: 1})
	must(t, err)
	equal(t, "limited", entryIDs(limited), []string{other.ID})
}

func entryIDs(es []store.InboxEntry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Conversation.ID)
	}
	return out
}

// searchInbox is three conversations: Maria's (resolved) whose second
// message mentions a parcel, Tom's about an invoice, and an anonymous one.
func searchInbox(t *testing.T, s store.Store) (maria, tom, anon store.Conversation) {
	t.Helper()
	ctx := t.Context()
	site := mustSite(t, s)
	person := func(name, email string) store.Visitor {
		v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: unique("tok"), Name: name, Email: email})
		must(t, err)
		return v
	}
	mv, tv, av := person("Maria Garcia", "maria@shop.example"), person("Tom Becker", "tom@corp.example"), person("", "")
	maria, _ = mustStart(t, s, site.ID, mv.ID)
	mustAppend(t, s, store.NewMessage{ConvID: maria.ID, AuthorKind: "visitor", AuthorID: mv.ID, CMID: unique("m"), Body: "My PARCEL is late"})
	mustAppend(t, s, agentMsg(maria.ID, "a_1", unique("m")))
	resolved := "resolved"
	maria, err := s.UpdateConversation(ctx, maria.ID, store.ConversationPatch{Status: &resolved})
	must(t, err)
	tick()
	tom, _ = mustStart(t, s, site.ID, tv.ID)
	mustAppend(t, s, store.NewMessage{ConvID: tom.ID, AuthorKind: "visitor", AuthorID: tv.ID, CMID: unique("m"), Body: "Invoice 100% wrong, ref A_7"})
	tick()
	anon, _ = mustStart(t, s, site.ID, av.ID)
	return maria, tom, anon
}

func testInboxQuery(t *testing.T, s store.Store) {
	maria, tom, _ := searchInbox(t, s)
	cases := []struct {
		query     string
		want      []string
		wantMatch string // the matching message's body in the first entry, "" for none
	}{
		{"parcel", []string{maria.ID}, "My PARCEL is late"},
		{"GARCIA", []string{maria.ID}, ""},
		{"corp.example", []string{tom.ID}, ""},
		{"invoice", []string{tom.ID}, "Invoice 100% wrong, ref A_7"},
		{"nothing like it", []string{}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			f := store.ConversationFilter{Query: tc.query}
			list, err := s.ListConversations(t.Context(), f)
			must(t, err)
			equal(t, "listed", convIDs(list), tc.want)
			got, err := s.InboxEntries(t.Context(), f)
			must(t, err)
			equal(t, "entries", entryIDs(got), tc.want)
			if len(got) == 0 {
				return
			}
			match := ""
			if got[0].Match != nil {
				match = got[0].Match.Body
			}
			equal(t, "match", match, tc.wantMatch)
		})
	}
}

func testInboxQueryEscapes(t *testing.T, s store.Store) {
	_, tom, _ := searchInbox(t, s)
	for _, q := range []string{"100%", "a_7", "%", "_"} {
		got, err := s.InboxEntries(t.Context(), store.ConversationFilter{Query: q})
		must(t, err)
		equal(t, "entries for "+q, entryIDs(got), []string{tom.ID})
	}
	got, err := s.InboxEntries(t.Context(), store.ConversationFilter{Query: "a%7"})
	must(t, err)
	equal(t, "a%7 is literal", entryIDs(got), []string{})
}

// snooze snoozes c until "until".
func snooze(t *testing.T, s store.Store, c store.Conversation, until time.Time) {
	t.Helper()
	status := "snoozed"
	_, err := s.UpdateConversation(t.Context(), c.ID, store.ConversationPatch{Status: &status, SnoozedUntil: &until})
	must(t, err)
}

func testWakeSnoozed(t *testing.T, s store.Store) {
	ctx := t.Context()
	now := time.Now().UTC().Truncate(time.Millisecond)
	due, later, forever, open := mustConv(t, s), mustConv(t, s), mustConv(t, s), mustConv(t, s)
	snooze(t, s, due, now.Add(-time.Second))
	snooze(t, s, later, now.Add(time.Hour))
	snooze(t, s, forever, time.Time{})
	woken, err := s.WakeSnoozed(ctx, now)
	must(t, err)
	equal(t, "woken", convIDs(woken), []string{due.ID})
	equal(t, "status returned", woken[0].Status, "open")
	equal(t, "snoozed until returned", woken[0].SnoozedUntil, time.Time{})
	for _, c := range []struct {
		conv   store.Conversation
		status string
	}{{due, "open"}, {later, "snoozed"}, {forever, "snoozed"}, {open, "open"}} {
		got, err := s.ConversationByID(ctx, c.conv.ID)
		must(t, err)
		equal(t, "status of "+c.conv.ID, got.Status, c.status)
	}
	again, err := s.WakeSnoozed(ctx, now)
	must(t, err)
	equal(t, "woken again", convIDs(again), []string{})
	woken, err = s.WakeSnoozed(ctx, now.Add(2*time.Hour))
	must(t, err)
	equal(t, "woken later", convIDs(woken), []string{later.ID})
}

func testWakeConcurrent(t *testing.T, s store.Store) {
	now := time.Now().UTC()
	want := map[string]bool{}
	for range 8 {
		c := mustConv(t, s)
		snooze(t, s, c, now.Add(-time.Minute))
		want[c.ID] = true
	}
	var (
		mu   sync.Mutex
		seen = map[string]int{}
		wg   sync.WaitGroup
	)
	for range 4 {
		wg.Go(func() {
			woken, err := s.WakeSnoozed(t.Context(), now)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, c := range woken {
				seen[c.ID]++
			}
		})
	}
	wg.Wait()
	for id := range want {
		if seen[id] != 1 {
			t.Errorf("conversation %s woken %d times, want once", id, seen[id])
		}
	}
}
