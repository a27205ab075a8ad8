package console

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// View is one of the inbox's lists.
type View string

// The inbox views, in the order the rail shows them.
const (
	ViewUnassigned View = "unassigned" // open, nobody assigned
	ViewMine       View = "mine"       // assigned to me, open or pending
	ViewOpen       View = "open"       // every open conversation
	ViewPending    View = "pending"    // waiting on the visitor
	ViewSnoozed    View = "snoozed"    // set aside until a time
	ViewResolved   View = "resolved"
)

// Views lists the views in rail order.
var Views = []View{ViewUnassigned, ViewMine, ViewOpen, ViewPending, ViewSnoozed, ViewResolved}

// In reports whether conversation c belongs in view v.
func (m *Model) In(v View, c *Conv) bool {
	switch v {
	case ViewUnassigned:
		return c.Status == protocol.StatusOpen && c.Assignee == ""
	case ViewMine:
		return c.Assignee != "" && c.Assignee == m.Me.ID && (c.Status == protocol.StatusOpen || c.Status == protocol.StatusPending)
	case ViewOpen:
		return c.Status == protocol.StatusOpen
	case ViewPending:
		return c.Status == protocol.StatusPending
	case ViewSnoozed:
		return c.Status == protocol.StatusSnoozed
	case ViewResolved:
		return c.Status == protocol.StatusResolved
	}
	return false
}

// Count returns how many conversations view v holds.
func (m *Model) Count(v View) int {
	n := 0
	for _, c := range m.convs {
		if m.In(v, c) {
			n++
		}
	}
	return n
}

// List returns view v's conversations: visitors waiting for an answer
// first, the longest waiting at the top, then the rest by latest activity.
// Resolved conversations are listed by latest activity only, snoozed
// ones the soonest to wake first.
func (m *Model) List(v View) []*Conv {
	var out []*Conv
	for _, c := range m.convs {
		if m.In(v, c) {
			out = append(out, c)
		}
	}
	waitFirst := v != ViewResolved
	slices.SortFunc(out, func(a, b *Conv) int {
		if v == ViewSnoozed {
			if n := compareWake(a, b); n != 0 {
				return n
			}
		} else if waitFirst {
			aw, bw := !a.WaitingSince.IsZero(), !b.WaitingSince.IsZero()
			switch {
			case aw && !bw:
				return -1
			case bw && !aw:
				return 1
			case aw && bw && !a.WaitingSince.Equal(b.WaitingSince):
				return a.WaitingSince.Compare(b.WaitingSince)
			}
		}
		if !a.Activity.Equal(b.Activity) {
			return b.Activity.Compare(a.Activity)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// Summary is one conversation of the console API's inbox list.
type Summary struct {
	ID           string        `json:"id"`
	Site         string        `json:"site"`
	Status       string        `json:"status"`
	Assignee     string        `json:"assignee"`
	LastSeq      int64         `json:"last_seq"`
	UpdatedAt    time.Time     `json:"updated_at"`
	Visitor      VisitorInfo   `json:"visitor"`
	Last         *protocol.Msg `json:"last"`
	WaitingSince *time.Time    `json:"waiting_since"`
	SnoozedUntil *time.Time    `json:"snoozed_until"`
	Match        *protocol.Msg `json:"match"` // in search results, the matching message
}

// VisitorInfo is who a conversation's visitor is.
type VisitorInfo struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Email    string        `json:"email"`
	Verified bool          `json:"verified"`
	Page     protocol.Page `json:"page"`
	Locale   string        `json:"locale"`
}

// Summaries merges the console API's inbox list. The socket stays the
// source of status and assignee for conversations it told of, since a
// status frame may have overtaken the list; the list fills in visitors,
// last messages and waiting times as far as they are not older than what
// the socket has said since.
func (m *Model) Summaries(list []Summary) {
	for _, s := range list {
		c, known := m.convs[s.ID]
		if !known {
			c = &Conv{ID: s.ID, Status: s.Status, Assignee: s.Assignee}
			m.convs[s.ID] = c
		}
		applySummary(c, s)
	}
	m.listed = true
}

// applySummary merges one conversation of the list into c.
func applySummary(c *Conv, s Summary) {
	c.Site, c.VisitorID = s.Site, s.Visitor.ID
	c.VisitorName, c.VisitorEmail, c.Described = s.Visitor.Name, s.Visitor.Email, true
	if s.Last != nil && s.Last.Seq >= c.Last.Seq {
		c.Last, c.Activity = *s.Last, s.Last.At
	} else if c.Activity.IsZero() {
		c.Activity = s.UpdatedAt
	}
	var rest time.Time
	if s.WaitingSince != nil {
		rest = *s.WaitingSince
	}
	switch {
	case s.LastSeq >= c.LastSeq: // the list has seen everything the socket has
		c.WaitingSince = rest
	case c.answeredSeq > s.LastSeq: // an agent answered after the list was made
	case !rest.IsZero() && (c.WaitingSince.IsZero() || rest.Before(c.WaitingSince)):
		c.WaitingSince = rest // the wait began before the messages the socket brought
	}
	c.LastSeq = max(c.LastSeq, s.LastSeq)
	c.SnoozedUntil = time.Time{}
	if s.SnoozedUntil != nil && c.Status == protocol.StatusSnoozed {
		c.SnoozedUntil = *s.SnoozedUntil
	}
}

// Describe records a conversation's visitor.
func (m *Model) Describe(conv string, v VisitorInfo) {
	c := m.convs[conv]
	if c == nil {
		return
	}
	c.VisitorID, c.VisitorName, c.VisitorEmail, c.Described = v.ID, v.Name, v.Email, true
}

// Undescribed returns the conversations whose visitor is unknown and not
// yet asked for, and marks them asked. Until the console API's list has
// come after a welcome it returns none: the list describes them all at
// once.
func (m *Model) Undescribed() []string {
	if !m.listed {
		return nil
	}
	var out []string
	for id, c := range m.convs {
		if !c.Described && !c.asked {
			c.asked = true
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// ShortID is the visitor's short number shown instead of a name: the
// first four characters after the id's prefix, in capitals.
func ShortID(visitorID string) string {
	_, rest, ok := strings.Cut(visitorID, "_")
	if !ok {
		rest = visitorID
	}
	if len(rest) > 4 {
		rest = rest[:4]
	}
	return strings.ToUpper(rest)
}

// compareWake orders snoozed conversations by when they wake, the
// soonest first and those without a time last.
func compareWake(a, b *Conv) int {
	az, bz := a.SnoozedUntil.IsZero(), b.SnoozedUntil.IsZero()
	switch {
	case az && bz:
		return 0
	case az:
		return 1
	case bz:
		return -1
	}
	return a.SnoozedUntil.Compare(b.SnoozedUntil)
}
