package console

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// run does what a shortcut asks. focused is the conversation row that had
// the focus, if any.
func (c *Console) run(ctx app.Context, cmd Command, focused string) {
	if c.m == nil {
		return
	}
	switch cmd.Action {
	case ActHelp:
		c.toggleHelp(ctx)
	case ActEscape:
		c.escape(ctx)
	case ActNext, ActPrev:
		c.moveCursor(ctx, map[Action]int{ActNext: 1, ActPrev: -1}[cmd.Action])
	case ActOpen:
		if focused == "" {
			focused = c.sh.cursor
		}
		if focused != "" {
			c.sh.cursor = focused
			c.open(ctx, focused)
		}
	case ActView:
		c.m.View, c.sh.cursor = cmd.View, ""
	case ActSearch:
		focus("search")
	default:
		c.runOnThread(ctx, cmd.Action)
	}
}

// runOnThread does what acts on the open conversation.
func (c *Console) runOnThread(ctx app.Context, a Action) {
	t := c.m.Thread
	if t == nil {
		return
	}
	cv := c.m.Conv(t.Conv)
	switch {
	case a == ActReply:
		c.setNote(ctx, false)
	case a == ActNote:
		c.setNote(ctx, true)
	case cv == nil:
	case a == ActAssign && cv.Assignee != c.m.Me.ID:
		c.change(ctx, "assignee", c.m.Me.ID)
	case a == ActResolve && cv.Status != protocol.StatusResolved:
		c.change(ctx, "status", protocol.StatusResolved)
	case a == ActReopen && cv.Status == protocol.StatusResolved:
		c.change(ctx, "status", protocol.StatusOpen)
	}
}

// moveCursor selects the next or previous conversation of the list and
// focuses its row (Enter opens it).
func (c *Console) moveCursor(ctx app.Context, delta int) {
	list := c.m.List(c.m.View)
	ids := make([]string, len(list))
	for i, cv := range list {
		ids[i] = cv.ID
	}
	cur := c.sh.cursor
	if cur == "" && c.m.Thread != nil {
		cur = c.m.Thread.Conv
	}
	c.sh.cursor = Step(ids, cur, delta)
	if id := c.sh.cursor; id != "" {
		ctx.Defer(func(app.Context) {
			row := app.Window().Get("document").Call("querySelector", `.conv[data-conv="`+id+`"]`)
			if row.Truthy() {
				row.Call("focus")
				row.Call("scrollIntoView", map[string]any{"block": "nearest"})
			}
		})
	}
}

// toggleHelp opens the shortcuts' help, or closes it.
func (c *Console) toggleHelp(ctx app.Context) {
	if c.sh.help {
		c.closeHelp(ctx)
		return
	}
	c.sh.menu, c.sh.help = false, true
	c.sh.returnTo = app.Window().Get("document").Get("activeElement")
	ctx.Defer(func(app.Context) { focus("help-close") })
}

func (c *Console) closeHelp(ctx app.Context) {
	c.sh.help = false
	if r := c.sh.returnTo; r != nil && r.Truthy() {
		ctx.Defer(func(app.Context) {
			if r.Get("isConnected").Bool() {
				r.Call("focus")
			}
		})
	}
	c.sh.returnTo = nil
}

// escape closes the help, else the menu (focus returns to its button).
func (c *Console) escape(ctx app.Context) {
	switch {
	case c.sh.help:
		c.closeHelp(ctx)
	case c.sh.menu:
		c.sh.menu = false
		ctx.Defer(func(app.Context) { focus("me-button") })
	}
}
