package console

import (
	"strings"
	"unicode"
)

// Canned is a canned response as GET /api/console/canned lists it.
type Canned struct {
	ID       string `json:"id"`
	Shortcut string `json:"shortcut"`
	Title    string `json:"title"`
	Body     string `json:"body"`
}

// slashQuery returns what follows the "/" when the whole draft is a
// shortcut being typed: "/" first, then no space or line break.
func slashQuery(draft string) (string, bool) {
	if !strings.HasPrefix(draft, "/") || strings.IndexFunc(draft, unicode.IsSpace) >= 0 {
		return "", false
	}
	return draft[1:], true
}

// matchCanned lists the responses for a query: those whose shortcut
// starts with it first, then those with a word of the title or body
// starting with it, each group in list order. Case does not matter; an
// empty query matches everything.
func matchCanned(list []Canned, query string) []Canned {
	q := strings.ToLower(strings.TrimSpace(query))
	var first, then []Canned
	for _, c := range list {
		switch {
		case strings.HasPrefix(strings.ToLower(c.Shortcut), q):
			first = append(first, c)
		case hasWordPrefix(c.Title, q) || hasWordPrefix(c.Body, q):
			then = append(then, c)
		}
	}
	return append(first, then...)
}

// hasWordPrefix reports whether a word of text starts with q (lower case).
func hasWordPrefix(text, q string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if strings.HasPrefix(w, q) {
			return true
		}
	}
	return false
}

// picker is the canned-response picker's state: opened by typing "/" at
// the start of the reply box (the query follows it) or by the composer's
// button (the query is typed in the picker's own search box).
type picker struct {
	Open   bool
	Button bool // opened by the button
	Query  string
	Active int // index into Items
	Items  []Canned
	Caret  int // where a button-opened picker inserts, in UTF-16 units
}

// Show opens (or refilters) the picker for a query over list; the
// highlight goes back to the first match when the query changes.
func (p *picker) Show(list []Canned, query string) {
	if !p.Open || query != p.Query {
		p.Active = 0
	}
	p.Open, p.Query, p.Items = true, query, matchCanned(list, query)
	p.Active = min(p.Active, max(len(p.Items)-1, 0))
}

// Move moves the highlight by delta, wrapping around.
func (p *picker) Move(delta int) {
	if n := len(p.Items); n > 0 {
		p.Active = ((p.Active+delta)%n + n) % n
	}
}

// Chosen is the highlighted response.
func (p *picker) Chosen() (Canned, bool) {
	if !p.Open || p.Active >= len(p.Items) {
		return Canned{}, false
	}
	return p.Items[p.Active], true
}

// Close closes the picker.
func (p *picker) Close() { *p = picker{} }

// Takes reports whether the open picker claims a key pressed in the
// element with this id: arrows, Escape, and Enter or Tab when there is a
// response to insert (with no match, Enter still sends).
func (p *picker) Takes(target, key string) bool {
	if !p.Open || target != "composer" && target != "canned-search" {
		return false
	}
	switch key {
	case "ArrowUp", "ArrowDown", "Escape":
		return true
	case "Enter", "Tab":
		return len(p.Items) > 0
	}
	return false
}

// insertAt puts body into draft at the UTF-16 offset caret (the browser's
// selectionStart), returning the new draft and the caret after the body.
func insertAt(draft, body string, caret int) (string, int) {
	units := 0
	for i, r := range draft {
		if units >= caret {
			return draft[:i] + body + draft[i:], caret + utf16Len(body)
		}
		units += utf16Len(string(r))
	}
	return draft + body, utf16Len(draft + body)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
