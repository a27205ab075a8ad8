package console

// Keyboard shortcuts: which key does what is decided here, with no browser
// code (table-tested); keyboard.go listens to the keys and does it.

// Action is what a shortcut asks for.
type Action int

// Shortcut actions.
const (
	ActNone    Action = iota
	ActHelp           // ? opens (or closes) the help overlay
	ActNext           // j or ↓: the next conversation in the list
	ActPrev           // k or ↑: the previous one
	ActOpen           // Enter: open the selected conversation
	ActReply          // r: focus the reply box
	ActNote           // n: write an internal note
	ActAssign         // a: assign the open conversation to me
	ActResolve        // e: resolve it
	ActReopen         // o: reopen it
	ActSearch         // /: focus the search box
	ActView           // g then u, m, o, p or r: switch views
	ActEscape         // Esc: close menus and overlays
)

// Key is one keydown as the shortcuts see it.
type Key struct {
	Key              string // KeyboardEvent.key
	Ctrl, Alt, Meta  bool
	Typing           bool // focus is in an input, textarea, select or editable text
	OnControl        bool // focus is on a button or link that Enter activates itself
	Modal            bool // a dialog is open: only Esc and ? work
	Scrolls          bool // focus is on a control that owns its arrow keys (a menu button, menu or listbox)
	AfterG, Composed bool // g was the previous key; an IME is composing
}

// Command is a shortcut's action, and the view for ActView.
type Command struct {
	Action Action
	View   View
}

// gViews are the views "g" then a letter switches to.
var gViews = map[string]View{"u": ViewUnassigned, "m": ViewMine, "o": ViewOpen, "p": ViewPending, "r": ViewResolved}

// keyActions are the single keys.
var keyActions = map[string]Action{
	"?": ActHelp, "j": ActNext, "ArrowDown": ActNext, "k": ActPrev, "ArrowUp": ActPrev, "Enter": ActOpen,
	"r": ActReply, "n": ActNote, "a": ActAssign, "e": ActResolve, "o": ActReopen, "/": ActSearch,
}

// Shortcut maps a key to its command, and says whether the next key
// follows a "g". Keys held with Ctrl, Alt or Meta are never shortcuts;
// while typing only Esc is.
func Shortcut(k Key) (cmd Command, afterG bool) {
	switch {
	case k.Ctrl || k.Alt || k.Meta || k.Composed:
		return Command{}, false
	case k.Key == "Escape":
		return Command{Action: ActEscape}, false
	case k.Typing:
		return Command{}, false
	case k.Modal:
		if k.Key == "?" {
			return Command{Action: ActHelp}, false
		}
		return Command{}, false
	case k.AfterG:
		if v, ok := gViews[k.Key]; ok {
			return Command{Action: ActView, View: v}, false
		}
		return Command{}, false
	case k.Key == "g":
		return Command{}, true
	case k.Key == "Enter" && k.OnControl, (k.Key == "ArrowDown" || k.Key == "ArrowUp") && k.Scrolls:
		return Command{}, false
	}
	return Command{Action: keyActions[k.Key]}, false
}

// Step moves a selection through a list of ids by delta, starting from
// the first (or last) when cur is not in it, and stopping at the ends.
func Step(ids []string, cur string, delta int) string {
	if len(ids) == 0 {
		return ""
	}
	i := -1
	for j, id := range ids {
		if id == cur {
			i = j
		}
	}
	switch {
	case i < 0 && delta < 0:
		return ids[len(ids)-1]
	case i < 0:
		return ids[0]
	}
	return ids[max(0, min(len(ids)-1, i+delta))]
}
