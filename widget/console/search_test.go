package console

import (
	"slices"
	"testing"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// TestSearchState: only the latest edit searches, once it is due; an
// answer to a query no longer in the box is dropped; results show the
// inbox's live conversations and the others as found; clearing restores
// the view.
func TestSearchState(t *testing.T) {
	m := NewModel(me)
	m.Apply(welcome(protocol.ConvSummary{ID: "c1", Status: "open"}))
	if m.Searching() {
		t.Fatal("searching before typing")
	}
	g1 := m.TypeSearch("par")
	g2 := m.TypeSearch("parcel ")
	if _, ok := m.SearchDue(g1); ok {
		t.Fatal("an overtaken edit searched")
	}
	q, ok := m.SearchDue(g2)
	if !ok || q != "parcel" || !m.Searching() || !m.Loading() {
		t.Fatalf("due %q %v, searching %v, loading %v", q, ok, m.Searching(), m.Loading())
	}
	if _, ok := m.SearchDue(g2); ok {
		t.Fatal("the same query was sent twice")
	}
	m.SearchResults("par", []Summary{{ID: "c1"}}, false) // a late answer to an earlier query
	if len(m.Results()) != 0 || !m.Loading() {
		t.Fatal("an answer to an earlier query was kept")
	}
	match := protocol.Msg{Seq: 3, Body: "…my parcel is late", Author: vis}
	m.SearchResults("parcel", []Summary{
		{ID: "c1", Status: "open", Match: &match},
		{ID: "c_old", Status: "resolved", Visitor: VisitorInfo{ID: "v_o", Name: "Old Parcel"}, Last: &protocol.Msg{Seq: 2, Body: "bye", At: at(1)}},
	}, false)
	if m.Loading() || !slices.Equal(ids(m.Results()), []string{"c1", "c_old"}) || m.Search.Matches["c1"].Seq != 3 {
		t.Fatalf("results %v, matches %v, loading %v", ids(m.Results()), m.Search.Matches, m.Loading())
	}
	if m.Results()[0] != m.Conv("c1") {
		t.Fatal("a conversation the inbox holds is not shown live")
	}
	if old := m.Results()[1]; old.VisitorName != "Old Parcel" || old.Status != "resolved" || m.Count(ViewResolved) != 0 {
		t.Fatalf("found conversation %+v; resolved count %d, want it kept out of the views", old, m.Count(ViewResolved))
	}
	m.Apply(statusEv("c1", "pending", ""))
	if m.Results()[0].Status != "pending" {
		t.Fatal("a live change did not reach the results")
	}
	m.TypeSearch("   ")
	if m.Searching() || len(m.Results()) != 0 {
		t.Fatal("an empty box still searches")
	}
	g := m.TypeSearch("x")
	m.ClearSearch()
	if _, ok := m.SearchDue(g); ok || m.Search.Text != "" {
		t.Fatal("a cleared search still ran")
	}
}

// TestSnoozedView: snoozed conversations have their own view, the soonest
// to wake first, with the time from the list; a status change or a
// visitor's message that reopens one moves it back and forgets the time.
func TestSnoozedView(t *testing.T) {
	m := NewModel(me)
	m.Apply(welcome(
		protocol.ConvSummary{ID: "c1", Status: "snoozed"},
		protocol.ConvSummary{ID: "c2", Status: "snoozed"},
		protocol.ConvSummary{ID: "c3", Status: "snoozed"},
		protocol.ConvSummary{ID: "c4", Status: "open"},
	))
	late, soon := at(120), at(30)
	m.Summaries([]Summary{
		{ID: "c1", Status: "snoozed", SnoozedUntil: &late},
		{ID: "c2", Status: "snoozed", SnoozedUntil: &soon},
		{ID: "c3", Status: "snoozed"},
		{ID: "c4", Status: "open", SnoozedUntil: &soon}, // stale: the socket says open
	})
	if got := ids(m.List(ViewSnoozed)); !slices.Equal(got, []string{"c2", "c1", "c3"}) {
		t.Fatalf("snoozed view %v, want the soonest to wake first", got)
	}
	if !m.Conv("c2").SnoozedUntil.Equal(soon) || !m.Conv("c4").SnoozedUntil.IsZero() {
		t.Fatalf("snoozed until %v and %v", m.Conv("c2").SnoozedUntil, m.Conv("c4").SnoozedUntil)
	}
	m.Apply(statusEv("c2", "open", "")) // woken by the server
	m.Apply(msgEv("c1", 2, vis, "back again", at(5)))
	m.Apply(statusEv("c1", "open", "")) // the server reopens it for the visitor's message
	if got := ids(m.List(ViewSnoozed)); !slices.Equal(got, []string{"c3"}) {
		t.Fatalf("snoozed view %v after two reopened", got)
	}
	if !m.Conv("c2").SnoozedUntil.IsZero() || m.Count(ViewOpen) != 3 {
		t.Fatalf("c2 still snoozed until %v; open count %d", m.Conv("c2").SnoozedUntil, m.Count(ViewOpen))
	}
}

// TestCountsUnderLiveUpdates: after any sequence of live events every
// view's count equals the length of its list, and each conversation is in
// exactly the views its status and assignee say.
func TestCountsUnderLiveUpdates(t *testing.T) {
	m := NewModel(me)
	m.Apply(welcome(
		protocol.ConvSummary{ID: "c1", Status: "open"},
		protocol.ConvSummary{ID: "c2", Status: "snoozed", Assignee: "a_me"},
		protocol.ConvSummary{ID: "c3", Status: "pending", Assignee: "a_other"},
	))
	steps := []struct {
		ev   conn.Event
		want map[View]int
	}{
		{msgEv("c4", 1, vis, "new", at(1)), map[View]int{ViewUnassigned: 2, ViewOpen: 2, ViewPending: 1, ViewSnoozed: 1}},
		{statusEv("c1", "open", "a_me"), map[View]int{ViewUnassigned: 1, ViewMine: 1, ViewOpen: 2, ViewPending: 1, ViewSnoozed: 1}},
		{statusEv("c2", "open", "a_me"), map[View]int{ViewUnassigned: 1, ViewMine: 2, ViewOpen: 3, ViewPending: 1}},
		{statusEv("c3", "snoozed", "a_other"), map[View]int{ViewUnassigned: 1, ViewMine: 2, ViewOpen: 3, ViewSnoozed: 1}},
		{statusEv("c4", "resolved", ""), map[View]int{ViewMine: 2, ViewOpen: 2, ViewSnoozed: 1, ViewResolved: 1}},
		{statusEv("c1", "pending", "a_me"), map[View]int{ViewMine: 2, ViewOpen: 1, ViewPending: 1, ViewSnoozed: 1, ViewResolved: 1}},
		{msgEv("c4", 2, vis, "one more thing", at(9)), map[View]int{ViewMine: 2, ViewOpen: 1, ViewPending: 1, ViewSnoozed: 1, ViewResolved: 1}},
		{statusEv("c4", "open", ""), map[View]int{ViewUnassigned: 1, ViewMine: 2, ViewOpen: 2, ViewPending: 1, ViewSnoozed: 1}},
	}
	for i, st := range steps {
		m.Apply(st.ev)
		for _, v := range Views {
			if got := m.Count(v); got != st.want[v] || len(m.List(v)) != got {
				t.Fatalf("step %d: %s count %d (list %d), want %d", i, v, got, len(m.List(v)), st.want[v])
			}
		}
	}
}
