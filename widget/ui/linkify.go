// Package ui holds pieces shared by the widget and the console: how message
// text is split into safe text and links.
package ui

import (
	"net/url"
	"strings"
)

// Segment is a run of message text, or a link when Href is set.
type Segment struct {
	Text string
	Href string
}

// schemes that may become links; everything else stays text.
var schemes = []string{"https://", "http://", "mailto:"}

// Linkify splits text into segments, turning http, https and mailto URLs
// into links. The result is rendered as text nodes and <a> elements, never
// as HTML, so no input can inject markup.
func Linkify(text string) []Segment {
	var out []Segment
	for text != "" {
		start, scheme := nextLink(text)
		if start < 0 {
			out = append(out, Segment{Text: text})
			break
		}
		if start > 0 {
			out = append(out, Segment{Text: text[:start]})
		}
		end := start + linkEnd(text[start:])
		raw := text[start:end]
		if href, ok := safeHref(raw, scheme); ok {
			out = append(out, Segment{Text: raw, Href: href})
		} else {
			out = append(out, Segment{Text: raw})
		}
		text = text[end:]
	}
	return merge(out)
}

// nextLink finds the earliest scheme that starts a word. Schemes are
// ASCII and matched byte by byte: lower-casing the whole text could change
// its length and misplace every index after a non-ASCII letter.
func nextLink(text string) (int, string) {
	for i := 0; i < len(text); i++ {
		if i > 0 && !strings.ContainsRune(" \t\n(<>[\"'", rune(text[i-1])) {
			continue
		}
		for _, s := range schemes {
			if hasPrefixFold(text[i:], s) {
				return i, s
			}
		}
	}
	return -1, ""
}

// hasPrefixFold reports whether s starts with the ASCII prefix, ignoring
// ASCII case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// linkEnd returns the length of the link at the start of s: up to white
// space, minus trailing punctuation that usually ends a sentence.
func linkEnd(s string) int {
	n := strings.IndexAny(s, " \t\n<>\"")
	if n < 0 {
		n = len(s)
	}
	for n > 0 && strings.ContainsRune(".,;:!?)]}'", rune(s[n-1])) {
		if s[n-1] == ')' && strings.Count(s[:n], "(") >= strings.Count(s[:n], ")") {
			break // keep a balanced parenthesis, as in Wikipedia links
		}
		n--
	}
	return n
}

func safeHref(raw, scheme string) (string, bool) {
	if len(raw) <= len(scheme) {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" || !strings.Contains(u.Opaque, "@") {
			return "", false
		}
	default:
		return "", false
	}
	return u.String(), true
}

// merge joins adjacent text segments.
func merge(in []Segment) []Segment {
	var out []Segment
	for _, s := range in {
		if n := len(out); n > 0 && s.Href == "" && out[n-1].Href == "" {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}
