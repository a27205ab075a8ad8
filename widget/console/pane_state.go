package console

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/widget/conn"
)

// paneState is what the conversation pane keeps beside the model: the
// open conversation's visitor profile and past conversations, which menu
// is open, and what this tab last told the team it is viewing.
type paneState struct {
	detail     *ConvDetail // nil while loading
	past       []Past
	sideHidden bool   // the agent collapsed the sidebar
	menu       string // the open popup menu: "assign", "snooze" or ""
	tagDraft   string
	tagBad     bool
	viewing    string // the conversation "viewing" was last sent for
	viewedAt   time.Time
	visibility app.Func // the visibilitychange listener
}

// Popup menus of the pane header.
const (
	menuAssign = "assign"
	menuSnooze = "snooze"
)

// paneMount starts what the pane needs while the console runs: the
// viewing heartbeat and the tab visibility listener.
func (c *Console) paneMount(ctx app.Context) {
	c.p.visibility = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			c.syncViewing(false)
			if c.m != nil {
				c.markRead()
			}
		})
		return nil
	})
	app.Window().Get("document").Call("addEventListener", "visibilitychange", c.p.visibility)
	c.viewingTick(ctx)
}

// paneDismount releases the listener.
func (c *Console) paneDismount() {
	if c.p.visibility != nil {
		app.Window().Get("document").Call("removeEventListener", "visibilitychange", c.p.visibility)
		c.p.visibility.Release()
		c.p.visibility = nil
	}
}

func (c *Console) viewingTick(ctx app.Context) {
	ctx.After(viewingEvery/4, func(ctx app.Context) {
		if c.mounted {
			c.syncViewing(false)
			c.viewingTick(ctx)
		}
	})
}

// syncViewing tells the team which conversation this tab views: the open
// one while the tab is visible, repeated every viewingEvery; a change of
// conversation or a hidden tab says the last one is left.
func (c *Console) syncViewing(force bool) {
	want := ""
	if c.client != nil && c.m != nil && c.m.Thread != nil && !hidden() {
		want = c.m.Thread.Conv
	}
	if c.p.viewing != "" && c.p.viewing != want && c.client != nil {
		c.client.Viewing(c.p.viewing, false)
	}
	if want != "" && (want != c.p.viewing || force || time.Since(c.p.viewedAt) >= viewingEvery) {
		c.client.Viewing(want, true)
		c.p.viewedAt = time.Now()
	}
	c.p.viewing = want
}

// onPaneEvent reacts to socket events the pane cares about beyond the
// model: a new session repeats "viewing", and indicators expire.
func (c *Console) onPaneEvent(ctx app.Context, ev conn.Event) {
	switch ev.Kind {
	case conn.EventWelcome:
		c.syncViewing(true)
	case conn.EventViewing:
		ctx.After(viewingFor, func(app.Context) {}) // redraw when the indicator expires
	}
}

// openDetail loads the open conversation's visitor profile, then the
// visitor's other conversations.
func (c *Console) openDetail(ctx app.Context, conv string) {
	c.p.detail, c.p.past, c.p.menu, c.p.tagDraft, c.p.tagBad = nil, nil, "", "", false
	a, mark := c.api, c.m.StateMark(conv)
	go func() {
		d, err := a.conversation(conv)
		var past []Past
		if err == nil && d.Visitor.ID != "" {
			past, _ = a.visitorConversations(d.Visitor.ID)
		}
		c.dispatch(func(ctx app.Context) { // the root's: the element that opened it may be gone
			if err != nil || c.m == nil || c.m.Thread == nil || c.m.Thread.Conv != conv {
				return
			}
			c.p.detail, c.p.past = &d, past
			c.m.ApplyDetail(d, mark)
		})
	}()
}

// closeThread leaves the open conversation (the phone layout's back
// button).
func (c *Console) closeThread(ctx app.Context) {
	c.stopTyping()
	c.m.Thread, c.p.detail, c.p.past, c.p.menu = nil, nil, nil, ""
	c.syncViewing(false)
}
