package console

import (
	"strconv"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// The conversation list is virtualised: only the rows in view and a few
// either side are in the DOM, the rest stand as padding (window.go).
const (
	rowHeight       = 68  // px, .convs > li in console.css
	listPad         = 6   // px of padding above the first row and below the last
	overscan        = 6   // rows drawn beyond each edge of the viewport
	defaultViewport = 900 // px assumed before the list is measured
)

// listScroll follows the list's scroll offset and height from a passive
// listener, and asks for a redraw only when the rows to draw change. The
// listener runs outside the UI goroutine, hence the lock.
type listScroll struct {
	mu          sync.Mutex
	total       int
	top, height int
	win         Window
	onScroll    app.Func
	onResize    app.Func
}

// listenScroll starts following the list; redraw is called (on the UI
// goroutine) when the rows in view change.
func listenScroll(ctx app.Context, redraw func(app.Context)) *listScroll {
	s := &listScroll{height: defaultViewport}
	changed := func(el app.Value) {
		if s.moved(el.Get("scrollTop").Int(), el.Get("clientHeight").Int()) {
			ctx.Dispatch(redraw)
		}
	}
	s.onScroll = app.FuncOf(func(this app.Value, args []app.Value) any {
		if t := args[0].Get("target"); t.Truthy() && t.Get("id").String() == "convs" {
			changed(t)
		}
		return nil
	})
	s.onResize = app.FuncOf(func(this app.Value, args []app.Value) any {
		if el := byID("convs"); el.Truthy() {
			changed(el)
		}
		return nil
	})
	// Scroll events do not bubble: catch the list's on the way down.
	opts := map[string]any{"capture": true, "passive": true}
	app.Window().Get("document").Call("addEventListener", "scroll", s.onScroll, opts)
	app.Window().Call("addEventListener", "resize", s.onResize, map[string]any{"passive": true})
	return s
}

// Release removes the listeners.
func (s *listScroll) Release() {
	if s == nil {
		return
	}
	app.Window().Get("document").Call("removeEventListener", "scroll", s.onScroll, true)
	app.Window().Call("removeEventListener", "resize", s.onResize)
	s.onScroll.Release()
	s.onResize.Release()
}

// moved records the list's offset and height, and reports whether the
// rows to draw differ from those drawn.
func (s *listScroll) moved(top, height int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.top, s.height = top, height
	return VisibleWindow(s.total, rowHeight, s.top-listPad, s.height, overscan) != s.win
}

// window returns the rows to draw of a list of total rows, and remembers
// them.
func (s *listScroll) window(total int) Window {
	if s == nil {
		return VisibleWindow(total, rowHeight, 0, defaultViewport, overscan)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total = total
	s.win = VisibleWindow(total, rowHeight, s.top-listPad, s.height, overscan)
	return s.win
}

// show returns the offset that brings row i into view, and whether that
// moves the list; it records the new offset.
func (s *listScroll) show(i int) (top int, moved bool) {
	if s == nil {
		return 0, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	top = ScrollToShow(i, rowHeight, s.top-listPad, s.height) + listPad
	if top == s.top {
		return top, false
	}
	s.top = top
	return top, true
}

// rows draws the visible part of a list of conversations between two
// spacers standing for the rest. (Padding as the spacer is not enough:
// Chrome clamps a scroll into a large bottom padding.)
func (c *Console) rows(convs []*Conv, label string) app.UI {
	now := time.Now()
	w := c.scroll.window(len(convs))
	return app.Ul().ID("convs").Class("convs").Aria("label", label).DataSet("total", len(convs)).Body(
		spacer(w.Above),
		app.Range(convs[w.First:w.Last]).Slice(func(i int) app.UI {
			return c.row(convs[w.First+i], now, w.First+i+1, len(convs))
		}),
		spacer(w.Below),
	)
}

// spacer is empty space of height px standing for rows not drawn.
func spacer(height int) app.UI {
	return app.Li().Class("convs-spacer").Aria("hidden", "true").Style("height", px(height))
}

func px(n int) string { return strconv.Itoa(n) + "px" }

// shown returns the conversations the list shows now.
func (c *Console) shown() []*Conv {
	if c.m.Searching() {
		return c.m.Results()
	}
	return c.m.List(c.m.View)
}

// reveal scrolls the list so that conversation id's row is in view, as
// when it is opened from elsewhere than its row.
func (c *Console) reveal(ctx app.Context, id string) {
	for i, cv := range c.shown() {
		if cv.ID != id {
			continue
		}
		if top, moved := c.scroll.show(i); moved {
			ctx.Defer(func(app.Context) { setListTop(top) })
		}
		return
	}
}

// toTop scrolls the list back to its first row, as for another view.
func (c *Console) toTop(ctx app.Context) {
	if c.scroll != nil {
		c.scroll.moved(0, c.scroll.height)
	}
	ctx.Defer(func(app.Context) { setListTop(0) })
}

func setListTop(top int) {
	if el := byID("convs"); el.Truthy() {
		el.Set("scrollTop", top)
	}
}

// listScrolled redraws for new rows in view and keeps the keyboard focus
// on the conversation it was on: rows are reused for other conversations
// as the list scrolls.
func (c *Console) listScrolled(ctx app.Context) {
	active := app.Window().Get("document").Get("activeElement")
	if !active.Truthy() || !active.Get("dataset").Truthy() {
		return
	}
	id := active.Get("dataset").Get("conv")
	if !id.Truthy() {
		return
	}
	conv := id.String()
	ctx.Defer(func(app.Context) {
		el := app.Window().Get("document").Call("querySelector", `.conv[data-conv="`+conv+`"]`)
		if el.Truthy() && !el.Equal(app.Window().Get("document").Get("activeElement")) {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	})
}

// showView lists view v from its top, leaving any search.
func (c *Console) showView(ctx app.Context, v View) {
	if c.m.View == v && !c.m.Searching() {
		return
	}
	c.m.View = v
	c.m.ClearSearch()
	c.toTop(ctx)
}

// snoozedElsewhere reloads the inbox list when a conversation was snoozed
// by a status frame, which does not say until when.
func (c *Console) snoozedElsewhere(ctx app.Context, s *protocol.Status) {
	if cv := c.m.Conv(s.Conv); s.Status == protocol.StatusSnoozed && cv != nil && cv.SnoozedUntil.IsZero() {
		c.loadInbox(ctx)
	}
}
