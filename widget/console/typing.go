package console

import (
	"cmp"
	"slices"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// typingFor is how long a "typing" lasts without a refresh: senders
// repeat it every few seconds while typing and may never say they stopped
// (a closed tab).
const typingFor = 6 * time.Second

// typer is someone typing in the open conversation, and when they last
// said so.
type typer struct {
	author protocol.Author
	at     time.Time
}

func typerKey(a protocol.Author) string { return a.Kind + ":" + a.ID }

// SetTyping records a typing frame: on starts or refreshes the author's
// indicator, off ends it.
func (t *Thread) SetTyping(a protocol.Author, on bool, now time.Time) {
	if !on {
		t.stoppedTyping(a)
		return
	}
	if t.typing == nil {
		t.typing = map[string]typer{}
	}
	t.typing[typerKey(a)] = typer{author: a, at: now}
}

// stoppedTyping ends an author's indicator: they said so, or their message
// arrived.
func (t *Thread) stoppedTyping(a protocol.Author) { delete(t.typing, typerKey(a)) }

// Typers returns who is typing now: the visitor first, then agents by name.
func (t *Thread) Typers(now time.Time) []protocol.Author {
	var out []protocol.Author
	for _, ty := range t.typing {
		if now.Sub(ty.at) < typingFor {
			out = append(out, ty.author)
		}
	}
	slices.SortFunc(out, func(a, b protocol.Author) int {
		av, bv := a.Kind == protocol.AuthorVisitor, b.Kind == protocol.AuthorVisitor
		switch {
		case av && !bv:
			return -1
		case bv && !av:
			return 1
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}
