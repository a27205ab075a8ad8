package console

import (
	"slices"
	"testing"
)

var cannedList = []Canned{
	{ID: "1", Shortcut: "address", Title: "Our address", Body: "We are at 1 Main Street."},
	{ID: "2", Shortcut: "refund", Title: "Refunds", Body: "Refunds take five days."},
	{ID: "3", Shortcut: "Thanks", Title: "Thank you", Body: "Thanks for writing!"},
	{ID: "4", Shortcut: "ship", Title: "Shipping times", Body: "Orders ship within a day; see our address page."},
}

func cannedIDs(list []Canned) []string {
	out := []string{}
	for _, c := range list {
		out = append(out, c.ID)
	}
	return out
}

func TestSlashQuery(t *testing.T) {
	tests := []struct {
		draft, want string
		ok          bool
	}{
		{"/", "", true},
		{"/tha", "tha", true},
		{"/Thanks", "Thanks", true},
		{"/tha nks", "", false},
		{"/tha\n", "", false},
		{"hi /tha", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got, ok := slashQuery(tt.draft); got != tt.want || ok != tt.ok {
			t.Errorf("slashQuery(%q) = %q, %v; want %q, %v", tt.draft, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMatchCanned(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"1", "2", "3", "4"}},
		{"th", []string{"3"}},
		{"THA", []string{"3"}},
		{"ad", []string{"1", "4"}}, // shortcut first, then a word of the body
		{"ref", []string{"2"}},
		{"day", []string{"2", "4"}}, // "days", "day"
		{"zzz", []string{}},
	}
	for _, tt := range tests {
		if got := cannedIDs(matchCanned(cannedList, tt.query)); !slices.Equal(got, tt.want) {
			t.Errorf("matchCanned(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestPicker(t *testing.T) {
	var p picker
	if p.Takes("composer", "Enter") {
		t.Fatal("a closed picker takes Enter")
	}
	p.Show(cannedList, "")
	p.Move(-1)
	if c, _ := p.Chosen(); c.ID != "4" {
		t.Fatalf("up from the first wraps to the last, got %s", c.ID)
	}
	p.Move(1)
	p.Move(1)
	if c, _ := p.Chosen(); c.ID != "2" {
		t.Fatalf("down twice: %s", c.ID)
	}
	p.Show(cannedList, "") // same query: the highlight stays
	if c, _ := p.Chosen(); c.ID != "2" {
		t.Fatalf("refilter with the same query moved the highlight: %s", c.ID)
	}
	p.Show(cannedList, "ad")
	if c, _ := p.Chosen(); c.ID != "1" || !p.Takes("composer", "Enter") || !p.Takes("canned-search", "Tab") || p.Takes("email", "Enter") {
		t.Fatalf("after a new query: %+v", p)
	}
	p.Show(cannedList, "zzz")
	if p.Takes("composer", "Enter") || !p.Takes("composer", "Escape") {
		t.Fatal("with no match Enter must reach the composer, Escape the picker")
	}
	if _, ok := p.Chosen(); ok {
		t.Fatal("nothing to choose")
	}
	p.Close()
	if p.Open {
		t.Fatal("still open")
	}
}

func TestInsertAt(t *testing.T) {
	tests := []struct {
		draft, body string
		caret       int
		want        string
		wantCaret   int
	}{
		{"", "Hi!", 0, "Hi!", 3},
		{"Hello  there", "dear", 6, "Hello dear there", 10},
		{"end", "!", 99, "end!", 4},
		{"😀x", "y", 2, "😀yx", 3},
	}
	for _, tt := range tests {
		if got, c := insertAt(tt.draft, tt.body, tt.caret); got != tt.want || c != tt.wantCaret {
			t.Errorf("insertAt(%q, %q, %d) = %q, %d; want %q, %d", tt.draft, tt.body, tt.caret, got, c, tt.want, tt.wantCaret)
		}
	}
}
