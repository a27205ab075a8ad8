package console

import (
	"strconv"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// Attention decides what new visitor messages ask of the agent: which
// conversations are unread (the count in the tab's title), when a desktop
// notification is due, and when a sound. It holds no browser code, so it
// is tested natively; alerts.go makes the browser calls.
type Attention struct {
	Muted     bool // no sounds (kept in localStorage)
	unread    map[string]int
	lastSound time.Time
}

// soundGap is the least time between two sounds: a burst of messages
// blips once.
const soundGap = 2 * time.Second

// Alert is what one visitor message asks for.
type Alert struct {
	Conv   string
	New    bool   // it starts a conversation
	Name   string // who wrote it
	Body   string
	Notify bool // show a desktop notification
	Sound  bool // play the blip
}

// Message records a message and decides its alert. Only visitors' messages
// count, and not one the agent is looking at: open is the conversation on
// screen ("" for none), hidden whether the tab is in the background.
func (a *Attention) Message(conv string, msg protocol.Msg, open string, hidden bool, now time.Time) (Alert, bool) {
	if msg.Author.Kind != protocol.AuthorVisitor || !hidden && conv == open {
		return Alert{}, false
	}
	if a.unread == nil {
		a.unread = map[string]int{}
	}
	a.unread[conv]++
	al := Alert{Conv: conv, New: msg.Seq == 1, Name: msg.Author.Name, Body: msg.Body, Notify: true}
	if !a.Muted && now.Sub(a.lastSound) >= soundGap {
		al.Sound, a.lastSound = true, now
	}
	return al, true
}

// Seen clears a conversation the agent is looking at.
func (a *Attention) Seen(conv string) { delete(a.unread, conv) }

// Unread is how many conversations have messages the agent has not seen.
func (a *Attention) Unread() int { return len(a.unread) }

// UnreadIn reports how many unseen messages a conversation has.
func (a *Attention) UnreadIn(conv string) int { return a.unread[conv] }

// Title is the tab's title: "(3) Parley" with three unread conversations.
func (a *Attention) Title(base string) string {
	if n := a.Unread(); n > 0 {
		return "(" + strconv.Itoa(n) + ") " + base
	}
	return base
}
