package account

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// snippetLead is how many characters a search snippet keeps before the
// match, so the agent sees it in context.
const snippetLead = 40

// snippet cuts body to previewChars characters around the first
// case-insensitive occurrence of query, marking cut ends with "…". With
// no occurrence (the store matched a case this misses) it is preview.
func snippet(body, query string) string {
	at := indexFold(body, strings.TrimSpace(query))
	if at < 0 {
		return preview(body)
	}
	start := at
	for n := 0; n < snippetLead && start > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(body[:start])
		start -= size
	}
	if start == 0 {
		return preview(body)
	}
	return "…" + preview(strings.TrimLeftFunc(body[start:], unicode.IsSpace))
}

// indexFold is the byte index of the first occurrence of sub in s
// ignoring case, -1 for none.
func indexFold(s, sub string) int {
	if sub == "" {
		return -1
	}
	for i := range s {
		if len(s)-i < len(sub) {
			break
		}
		if hasPrefixFold(s[i:], sub) {
			return i
		}
	}
	return -1
}

// hasPrefixFold reports whether s begins with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	for _, p := range prefix {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || !strings.EqualFold(string(r), string(p)) {
			return false
		}
		s = s[size:]
	}
	return true
}

// timeOrNil is t in UTC, nil when zero: JSON null.
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
