package console

import "testing"

// TestShortcut is the key → command table.
func TestShortcut(t *testing.T) {
	for _, tc := range []struct {
		name   string
		key    Key
		want   Command
		afterG bool
	}{
		{"? opens help", Key{Key: "?"}, Command{Action: ActHelp}, false},
		{"j", Key{Key: "j"}, Command{Action: ActNext}, false},
		{"down arrow", Key{Key: "ArrowDown"}, Command{Action: ActNext}, false},
		{"k", Key{Key: "k"}, Command{Action: ActPrev}, false},
		{"up arrow", Key{Key: "ArrowUp"}, Command{Action: ActPrev}, false},
		{"Enter opens", Key{Key: "Enter"}, Command{Action: ActOpen}, false},
		{"Enter on a button is the button's", Key{Key: "Enter", OnControl: true}, Command{}, false},
		{"arrows scroll the messages", Key{Key: "ArrowDown", Scrolls: true}, Command{}, false},
		{"j in the messages", Key{Key: "j", Scrolls: true}, Command{Action: ActNext}, false},
		{"r", Key{Key: "r"}, Command{Action: ActReply}, false},
		{"n", Key{Key: "n"}, Command{Action: ActNote}, false},
		{"a", Key{Key: "a"}, Command{Action: ActAssign}, false},
		{"e", Key{Key: "e"}, Command{Action: ActResolve}, false},
		{"o", Key{Key: "o"}, Command{Action: ActReopen}, false},
		{"/", Key{Key: "/"}, Command{Action: ActSearch}, false},
		{"Esc", Key{Key: "Escape"}, Command{Action: ActEscape}, false},
		{"Esc while typing", Key{Key: "Escape", Typing: true}, Command{Action: ActEscape}, false},
		{"Esc in a dialog", Key{Key: "Escape", Modal: true}, Command{Action: ActEscape}, false},
		{"g waits for the next key", Key{Key: "g"}, Command{}, true},
		{"g u", Key{Key: "u", AfterG: true}, Command{Action: ActView, View: ViewUnassigned}, false},
		{"g m", Key{Key: "m", AfterG: true}, Command{Action: ActView, View: ViewMine}, false},
		{"g o", Key{Key: "o", AfterG: true}, Command{Action: ActView, View: ViewOpen}, false},
		{"g p", Key{Key: "p", AfterG: true}, Command{Action: ActView, View: ViewPending}, false},
		{"g r", Key{Key: "r", AfterG: true}, Command{Action: ActView, View: ViewResolved}, false},
		{"g then another key", Key{Key: "x", AfterG: true}, Command{}, false},
		{"g then j is not j", Key{Key: "j", AfterG: true}, Command{}, false},
		{"typing j", Key{Key: "j", Typing: true}, Command{}, false},
		{"typing ?", Key{Key: "?", Typing: true}, Command{}, false},
		{"typing g", Key{Key: "g", Typing: true}, Command{}, false},
		{"Ctrl+r reloads", Key{Key: "r", Ctrl: true}, Command{}, false},
		{"Alt+j", Key{Key: "j", Alt: true}, Command{}, false},
		{"Meta+k", Key{Key: "k", Meta: true}, Command{}, false},
		{"Ctrl+Esc", Key{Key: "Escape", Ctrl: true}, Command{}, false},
		{"composing", Key{Key: "j", Composed: true}, Command{}, false},
		{"j behind a dialog", Key{Key: "j", Modal: true}, Command{}, false},
		{"? closes the dialog", Key{Key: "?", Modal: true}, Command{Action: ActHelp}, false},
		{"an unbound key", Key{Key: "x"}, Command{}, false},
		{"Shift", Key{Key: "Shift"}, Command{}, false},
		{"capital J", Key{Key: "J"}, Command{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, g := Shortcut(tc.key)
			if got != tc.want || g != tc.afterG {
				t.Fatalf("Shortcut(%+v) = %+v, %v; want %+v, %v", tc.key, got, g, tc.want, tc.afterG)
			}
		})
	}
}

// TestStep moves the selection and stops at the ends.
func TestStep(t *testing.T) {
	ids := []string{"a", "b", "c"}
	for _, tc := range []struct {
		cur   string
		delta int
		want  string
	}{
		{"", 1, "a"}, {"", -1, "c"}, {"gone", 1, "a"}, {"a", 1, "b"}, {"b", 1, "c"}, {"c", 1, "c"},
		{"c", -1, "b"}, {"a", -1, "a"},
	} {
		if got := Step(ids, tc.cur, tc.delta); got != tc.want {
			t.Errorf("Step(%q, %d) = %q, want %q", tc.cur, tc.delta, got, tc.want)
		}
	}
	if got := Step(nil, "a", 1); got != "" {
		t.Errorf("Step on an empty list = %q", got)
	}
}
