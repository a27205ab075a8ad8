package console

import (
	"cmp"
	"slices"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// viewingEvery is how often the console repeats "viewing" while the
// agent has a conversation open in a visible tab; viewingFor is how long
// an indicator lasts without a repeat (a crashed tab never says it left).
const (
	viewingEvery = 20 * time.Second
	viewingFor   = 45 * time.Second
)

// applyViewing shows a teammate viewing the open conversation, or no
// longer; the agent's own other tabs are not shown.
func (m *Model) applyViewing(f *protocol.Viewing, now time.Time) {
	t := m.Thread
	if t == nil || t.Conv != f.Conv || f.Author == nil || f.Author.ID == m.Me.ID {
		return
	}
	t.SetViewing(*f.Author, f.On, now)
}

// SetViewing records a viewing frame: on starts or refreshes the agent's
// indicator, off ends it.
func (t *Thread) SetViewing(a protocol.Author, on bool, now time.Time) {
	if !on {
		delete(t.viewers, a.ID)
		return
	}
	if t.viewers == nil {
		t.viewers = map[string]typer{}
	}
	t.viewers[a.ID] = typer{author: a, at: now}
}

// Viewers returns the teammates viewing the conversation now, by name.
func (t *Thread) Viewers(now time.Time) []protocol.Author {
	var out []protocol.Author
	for _, v := range t.viewers {
		if now.Sub(v.at) < viewingFor {
			out = append(out, v.author)
		}
	}
	slices.SortFunc(out, func(a, b protocol.Author) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}
