package storetest

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func listTests() []test {
	return []test{
		{"list/filters", testListFilters},
		{"list/paging by before", testListPaging},
		{"list/paging by (before, id) survives equal times", testListPagingTies},
		{"list/activity moves a conversation first", testListActivity},
	}
}

// inbox is a set of conversations whose activity times are strictly
// increasing in creation order: convs[4] is the newest.
type inbox struct {
	siteA, siteB, visitorA1 string
	convs                   []store.Conversation
}

// newInbox builds five conversations over two sites:
//
//	0: site A, visitor A1, open, unassigned
//	1: site A, visitor A1, pending, a1
//	2: site A, visitor A2, resolved, a2
//	3: site B, visitor B1, open, a1
//	4: site B, visitor B1, open, unassigned
func newInbox(t *testing.T, s store.Store) inbox {
	t.Helper()
	a, b := mustSite(t, s), mustSite(t, s)
	va1, va2, vb1 := mustVisitor(t, s, a.ID), mustVisitor(t, s, a.ID), mustVisitor(t, s, b.ID)
	specs := []struct {
		site, visitor, status, assignee string
	}{
		{a.ID, va1.ID, "open", ""},
		{a.ID, va1.ID, "pending", "a1"},
		{a.ID, va2.ID, "resolved", "a2"},
		{b.ID, vb1.ID, "open", "a1"},
		{b.ID, vb1.ID, "open", ""},
	}
	in := inbox{siteA: a.ID, siteB: b.ID, visitorA1: va1.ID}
	for _, sp := range specs {
		c, _ := mustStart(t, s, sp.site, sp.visitor)
		c, err := s.UpdateConversation(t.Context(), c.ID,
			store.ConversationPatch{Status: &sp.status, Assignee: &sp.assignee})
		must(t, err)
		in.convs = append(in.convs, c)
		tick()
	}
	return in
}

// ids returns the ids of in.convs at the given indexes.
func (in inbox) ids(idx ...int) []string {
	out := []string{}
	for _, i := range idx {
		out = append(out, in.convs[i].ID)
	}
	return out
}

func convIDs(convs []store.Conversation) []string {
	out := []string{}
	for _, c := range convs {
		out = append(out, c.ID)
	}
	return out
}

func testListFilters(t *testing.T, s store.Store) {
	in := newInbox(t, s)
	cases := []struct {
		name string
		f    store.ConversationFilter
		want []string
	}{
		{"all", store.ConversationFilter{}, in.ids(4, 3, 2, 1, 0)},
		{"one site", store.ConversationFilter{SiteIDs: []string{in.siteA}}, in.ids(2, 1, 0)},
		{"two sites", store.ConversationFilter{SiteIDs: []string{in.siteA, in.siteB}}, in.ids(4, 3, 2, 1, 0)},
		{"unknown site", store.ConversationFilter{SiteIDs: []string{"s_missing"}}, []string{}},
		{"status", store.ConversationFilter{Status: "open"}, in.ids(4, 3, 0)},
		{"assignee", store.ConversationFilter{Assignee: "a1"}, in.ids(3, 1)},
		{"unassigned", store.ConversationFilter{Assignee: "none"}, in.ids(4, 0)},
		{"visitor", store.ConversationFilter{VisitorID: in.visitorA1}, in.ids(1, 0)},
		{"before", store.ConversationFilter{Before: in.convs[2].UpdatedAt}, in.ids(1, 0)},
		{"limit", store.ConversationFilter{Limit: 2}, in.ids(4, 3)},
		{"site and status", store.ConversationFilter{SiteIDs: []string{in.siteA}, Status: "open"}, in.ids(0)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ListConversations(t.Context(), tc.f)
			must(t, err)
			equal(t, "ids", convIDs(got), tc.want)
		})
	}
}

func testListPaging(t *testing.T, s store.Store) {
	in := newInbox(t, s)
	var (
		got    []string
		before time.Time
	)
	for range len(in.convs) + 1 {
		page, err := s.ListConversations(t.Context(), store.ConversationFilter{Limit: 2, Before: before})
		must(t, err)
		if len(page) == 0 {
			break
		}
		got = append(got, convIDs(page)...)
		before = page[len(page)-1].UpdatedAt
	}
	equal(t, "paged ids", got, in.ids(4, 3, 2, 1, 0))
}

// testListPagingTies pages with the (time, id) cursor through conversations
// created as fast as possible, so many share a millisecond: every one must
// appear exactly once.
func testListPagingTies(t *testing.T, s store.Store) {
	site := mustSite(t, s)
	want := map[string]bool{}
	for range 12 {
		v := mustVisitor(t, s, site.ID)
		c, _, err := s.StartConversation(t.Context(), site.ID, v.ID, visitorMsg("", v.ID, unique("m")))
		must(t, err)
		want[c.ID] = true
	}
	seen := map[string]bool{}
	f := store.ConversationFilter{SiteIDs: []string{site.ID}, Limit: 5}
	for range 12 {
		page, err := s.ListConversations(t.Context(), f)
		must(t, err)
		if len(page) == 0 {
			break
		}
		for _, c := range page {
			if seen[c.ID] {
				t.Fatalf("conversation %s listed twice", c.ID)
			}
			seen[c.ID] = true
		}
		last := page[len(page)-1]
		f.Before, f.BeforeID = last.UpdatedAt, last.ID
	}
	if len(seen) != len(want) {
		t.Fatalf("paging visited %d of %d conversations", len(seen), len(want))
	}
}

func testListActivity(t *testing.T, s store.Store) {
	in := newInbox(t, s)
	mustAppend(t, s, visitorMsg(in.convs[0].ID, in.visitorA1, unique("m")))
	got, err := s.ListConversations(t.Context(), store.ConversationFilter{Limit: 1})
	must(t, err)
	equal(t, "newest", convIDs(got), in.ids(0))
}
