package console

import (
	"strings"

	"github.com/parley-chat/parley/shared/protocol"
)

// Search is the inbox search: what the agent typed and, once the console
// API answered for it, the conversations found. Only the answer to the
// query standing when it comes is kept, so a slow answer to an earlier
// query never replaces a later one.
type Search struct {
	Text    string // the search box's text
	gen     int    // counts edits, so a debounce can tell it is still current
	asked   string // the query sent and not yet answered
	Query   string // the query the results answer
	Failed  bool   // the last search could not be done
	results []string
	found   map[string]*Conv // results the inbox does not hold
	Matches map[string]protocol.Msg
}

// query is the search box's text as sent: trimmed.
func (s *Search) query() string { return strings.TrimSpace(s.Text) }

// Searching reports whether a query is in: the list shows its results
// instead of the view.
func (m *Model) Searching() bool { return m.Search.query() != "" }

// Loading reports whether the answer for the query in is still awaited.
func (m *Model) Loading() bool {
	return m.Searching() && m.Search.Query != m.Search.query()
}

// TypeSearch records the search box's text and returns the edit's number
// for SearchDue.
func (m *Model) TypeSearch(text string) int {
	m.Search.Text = text
	m.Search.gen++
	if !m.Searching() {
		m.ClearSearch()
	}
	return m.Search.gen
}

// SearchDue returns the query to send once the agent has stopped typing:
// ok is false when edit gen is no longer the latest, the box is empty, or
// the query was already sent or answered.
func (m *Model) SearchDue(gen int) (query string, ok bool) {
	q := m.Search.query()
	if gen != m.Search.gen || q == "" || q == m.Search.asked || q == m.Search.Query {
		return "", false
	}
	m.Search.asked = q
	return q, true
}

// SearchResults records the console API's answer to query; an answer to a
// query no longer in the box is dropped. Conversations the inbox holds
// are shown with their live state; others as the answer describes them.
func (m *Model) SearchResults(query string, list []Summary, failed bool) {
	s := &m.Search
	if query != s.query() {
		return
	}
	s.asked, s.Query, s.Failed = "", query, failed
	s.results, s.found, s.Matches = nil, map[string]*Conv{}, map[string]protocol.Msg{}
	for _, sum := range list {
		s.results = append(s.results, sum.ID)
		if sum.Match != nil {
			s.Matches[sum.ID] = *sum.Match
		}
		if m.convs[sum.ID] == nil {
			c := &Conv{ID: sum.ID, Status: sum.Status, Assignee: sum.Assignee}
			s.found[sum.ID] = c
			applySummary(c, sum)
		}
	}
}

// ClearSearch empties the search box: the list shows the view again.
func (m *Model) ClearSearch() {
	m.Search = Search{gen: m.Search.gen + 1}
}

// Results returns the conversations found for the query answered, newest
// activity first as the API sent them.
func (m *Model) Results() []*Conv {
	out := make([]*Conv, 0, len(m.Search.results))
	for _, id := range m.Search.results {
		if c := m.convs[id]; c != nil {
			out = append(out, c)
		} else if c := m.Search.found[id]; c != nil {
			out = append(out, c)
		}
	}
	return out
}
