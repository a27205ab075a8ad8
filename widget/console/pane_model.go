package console

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/protocol"
)

// Priorities a conversation may have, lowest first; "" reads as normal.
var Priorities = []string{"low", "normal", "high", "urgent"}

// Limits of a conversation's tags (the server checks them too).
const (
	maxTags     = 10
	maxTagChars = 32
)

// Profile is everything the sidebar shows about a visitor.
type Profile struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Email      string            `json:"email"`
	UserID     string            `json:"user_id"`
	Verified   bool              `json:"verified"`
	Page       protocol.Page     `json:"page"`
	Locale     string            `json:"locale"`
	Attributes map[string]string `json:"attributes"`
	Browser    string            `json:"browser"`  // e.g. "Chrome 156 · Windows"
	Timezone   string            `json:"timezone"` // IANA name, "" when unknown
}

// ConvDetail is GET /conversations/{id} and the answer to PATCH (whose
// Visitor is empty).
type ConvDetail struct {
	ID             string     `json:"id"`
	Status         string     `json:"status"`
	Assignee       string     `json:"assignee"`
	Priority       string     `json:"priority"`
	Tags           []string   `json:"tags"`
	SnoozedUntil   *time.Time `json:"snoozed_until"`
	VisitorReadSeq int64      `json:"visitor_read_seq"`
	Visitor        Profile    `json:"visitor"`
}

// Past is one of a visitor's conversations, as the sidebar lists them.
type Past struct {
	ID        string        `json:"id"`
	Status    string        `json:"status"`
	UpdatedAt time.Time     `json:"updated_at"`
	Last      *protocol.Msg `json:"last"`
}

// StateMark counts what the socket has said about a conversation's state
// (status frames, welcomes). Take it before asking the console API: an
// answer that comes back after the mark moved may be older than what the
// socket said meanwhile.
func (m *Model) StateMark(conv string) int {
	if c := m.convs[conv]; c != nil {
		return c.stateMark
	}
	return 0
}

// ApplyDetail records a conversation's state as the console API told it,
// asked at the given StateMark. Once the socket has spoken since, the
// socket wins: its frames come in order and tell of every change, and a
// slow answer would otherwise undo a change another agent just made.
func (m *Model) ApplyDetail(d ConvDetail, mark int) {
	c := m.convs[d.ID]
	if c == nil {
		return
	}
	if c.stateMark == mark {
		c.Status, c.Assignee, c.Priority, c.Tags = d.Status, d.Assignee, d.Priority, d.Tags
		c.SnoozedUntil = time.Time{}
		if d.SnoozedUntil != nil {
			c.SnoozedUntil = *d.SnoozedUntil
		}
	}
	if t := m.Thread; t != nil && t.Conv == d.ID {
		t.SeenUpTo(d.VisitorReadSeq)
	}
}

// applyStatus records a status frame; agents' frames carry the whole
// state, so absent priority and tags mean none.
func (m *Model) applyStatus(s *protocol.Status) {
	c := m.ensure(s.Conv)
	c.stateMark++
	c.Status, c.Assignee, c.Priority, c.Tags = s.Status, s.Assignee, s.Priority, s.Tags
	c.SnoozedUntil = time.Time{}
	if s.SnoozedUntil != nil {
		c.SnoozedUntil = *s.SnoozedUntil
	}
}

// applyRead moves the open conversation's visitor read mark.
func (m *Model) applyRead(r *protocol.Read) {
	if t := m.Thread; t != nil && t.Conv == r.Conv && r.Author != nil && r.Author.Kind == protocol.AuthorVisitor {
		t.SeenUpTo(r.Seq)
	}
}

// PriorityOf is a conversation's priority, normal when never set.
func PriorityOf(c *Conv) string {
	if c == nil || c.Priority == "" {
		return "normal"
	}
	return c.Priority
}

// NormalizeTag trims and lower-cases a tag and reports whether it is 1..32
// letters, digits, spaces, - or _.
func NormalizeTag(s string) (string, bool) {
	tag := strings.ToLower(strings.TrimSpace(s))
	if n := utf8.RuneCountInString(tag); n == 0 || n > maxTagChars {
		return tag, false
	}
	for _, r := range tag {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '_' {
			return tag, false
		}
	}
	return tag, true
}

// WithTag returns tags plus tag, unchanged when it is there already.
func WithTag(tags []string, tag string) []string {
	if slices.Contains(tags, tag) {
		return tags
	}
	return append(slices.Clone(tags), tag)
}

// WithoutTag returns tags without tag.
func WithoutTag(tags []string, tag string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t != tag {
			out = append(out, t)
		}
	}
	return out
}
