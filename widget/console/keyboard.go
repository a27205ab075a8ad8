package console

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// keyboard holds the console's own synchronous document listeners: the
// shortcuts' keydown (it must cancel the key's default at once, which
// go-app's handlers run too late to do), a click that closes the menu when
// it lands outside it and opens the conversation row it lands on, and the
// tab coming back into view. What a key
// means is shortcuts.go's; here only the DOM is read.
type keyboard struct {
	keydown, click, visible app.Func
	gAt                     time.Time // when a "g" was pressed; zero when none waits
}

// gWait is how long "g" waits for its second key.
const gWait = 1500 * time.Millisecond

// listenKeys installs the listeners; release removes them.
func (c *Console) listenKeys(ctx app.Context) *keyboard {
	k := &keyboard{}
	k.keydown = app.FuncOf(func(this app.Value, args []app.Value) any {
		k.onKeydown(ctx, c, args[0])
		return nil
	})
	k.click = app.FuncOf(func(this app.Value, args []app.Value) any {
		menu, btn, target := byID("me-menu"), byID("me-button"), args[0].Get("target")
		if menu.Truthy() && !menu.Call("contains", target).Bool() && !btn.Call("contains", target).Bool() {
			ctx.Dispatch(func(ctx app.Context) { c.sh.menu = false })
		}
		if conv := clickedConv(target); conv != "" {
			ctx.Dispatch(func(ctx app.Context) {
				if c.m != nil {
					c.open(ctx, conv)
				}
			})
		}
		return nil
	})
	k.visible = app.FuncOf(func(this app.Value, args []app.Value) any {
		if !hidden() {
			ctx.Dispatch(func(ctx app.Context) {
				if c.m != nil {
					c.markRead()
				}
			})
		}
		return nil
	})
	doc := app.Window().Get("document")
	doc.Call("addEventListener", "keydown", k.keydown)
	doc.Call("addEventListener", "click", k.click, true)
	doc.Call("addEventListener", "visibilitychange", k.visible)
	return k
}

// clickedConv returns the conversation of the list row target is in, read
// at the moment of the click: go-app runs OnClick handlers later, by which
// time a list re-sorted by new waiting times may show another
// conversation in that row.
func clickedConv(target app.Value) string {
	if !target.Truthy() || !target.Get("closest").Truthy() {
		return ""
	}
	row := target.Call("closest", ".conv[data-conv]")
	if !row.Truthy() {
		return ""
	}
	return row.Get("dataset").Get("conv").String()
}

func (k *keyboard) release() {
	if k == nil {
		return
	}
	doc := app.Window().Get("document")
	doc.Call("removeEventListener", "keydown", k.keydown)
	doc.Call("removeEventListener", "click", k.click, true)
	doc.Call("removeEventListener", "visibilitychange", k.visible)
	k.keydown.Release()
	k.click.Release()
	k.visible.Release()
}

func (k *keyboard) onKeydown(ctx app.Context, c *Console, e app.Value) {
	if !byID("console").Truthy() || !byID("console").Get("classList").Call("contains", "inbox").Bool() {
		return // signed out: no shortcuts
	}
	target, help := e.Get("target"), byID("help")
	if e.Get("key").String() == "Tab" && help.Truthy() {
		trapFocus(e, help)
		return
	}
	key := readKey(e, target)
	key.Modal = help.Truthy()
	key.AfterG = !k.gAt.IsZero() && time.Since(k.gAt) < gWait
	cmd, afterG := Shortcut(key)
	k.gAt = time.Time{}
	if afterG {
		k.gAt = time.Now()
	}
	if cmd.Action == ActNone || cmd.Action == ActEscape && !help.Truthy() && !byID("me-menu").Truthy() {
		return
	}
	e.Call("preventDefault")
	conv := ""
	if target.Get("classList").Truthy() && target.Get("classList").Call("contains", "conv").Bool() {
		conv = target.Get("dataset").Get("conv").String()
	}
	ctx.Dispatch(func(ctx app.Context) { c.run(ctx, cmd, conv) })
}

// ownsArrows selects controls whose arrow keys are their own: menu
// buttons, menus and listboxes (the ARIA patterns the console uses).
const ownsArrows = `[aria-haspopup], [role="menu"], [role="menuitem"], [role="menuitemradio"], [role="listbox"], [role="option"]`

// readKey describes a keydown for Shortcut.
func readKey(e, target app.Value) Key {
	tag := ""
	if t := target.Get("tagName"); t.Truthy() {
		tag = strings.ToLower(t.String())
	}
	isConv := target.Get("classList").Truthy() && target.Get("classList").Call("contains", "conv").Bool()
	return Key{Key: e.Get("key").String(), Ctrl: e.Get("ctrlKey").Bool(), Alt: e.Get("altKey").Bool(), Meta: e.Get("metaKey").Bool(),
		Composed:  e.Get("isComposing").Bool(),
		Typing:    tag == "input" || tag == "textarea" || tag == "select" || target.Get("isContentEditable").Bool(),
		OnControl: (tag == "button" || tag == "a" || tag == "summary") && !isConv,
		Scrolls:   target.Truthy() && target.Get("closest").Truthy() && target.Call("closest", ownsArrows).Truthy()}
}

// trapFocus keeps Tab and Shift+Tab inside the open dialog.
func trapFocus(e, dialog app.Value) {
	items := dialog.Call("querySelectorAll", `button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])`)
	n := items.Length()
	if n == 0 {
		e.Call("preventDefault")
		return
	}
	first, last := items.Index(0), items.Index(n-1)
	active := app.Window().Get("document").Get("activeElement")
	inside := dialog.Call("contains", active).Bool()
	switch {
	case e.Get("shiftKey").Bool() && (!inside || active.Equal(first)):
		e.Call("preventDefault")
		last.Call("focus")
	case !e.Get("shiftKey").Bool() && (!inside || active.Equal(last)):
		e.Call("preventDefault")
		first.Call("focus")
	}
}
