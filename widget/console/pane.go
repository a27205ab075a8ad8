package console

import (
	"context"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// historyPage is how many messages one history load brings.
const historyPage = 30

// pane is the right column: the open conversation, or a hint to pick one.
func (c *Console) pane() app.UI {
	t := c.m.Thread
	if t == nil {
		return app.Main().Class("pane", "pane-empty").Aria("label", c.t.Pick).Body(
			app.Div().Class("pick").Body(
				app.Span().Class("pick-icon").Body(icon(pathChat)),
				app.H2().Text(c.t.Pick),
				app.P().Text(c.t.PickHint),
			),
		)
	}
	cv := c.m.Conv(t.Conv)
	if cv == nil {
		cv = &Conv{ID: t.Conv, Status: protocol.StatusOpen}
	}
	return app.Main().Class("pane", "has-side").DataSet("side", !c.p.sideHidden).Aria("labelledby", "pane-title").Body(
		app.Div().Class("pane-main").Body(
			c.paneHead(cv),
			c.paneMeta(cv),
			app.If(c.notice != "", func() app.UI {
				return app.P().ID("notice").Class("notice").Role("alert").Text(c.notice)
			}),
			c.messages(t, cv),
			c.composer(cv),
		),
		c.sidebar(cv),
	)
}

// paneHead names the visitor and holds the conversation's actions.
func (c *Console) paneHead(cv *Conv) app.UI {
	name := c.visitorName(cv)
	mine := cv.Assignee != "" && cv.Assignee == c.m.Me.ID
	// Who has it first: the email is the part a narrow header may cut.
	var parts []string
	switch {
	case mine:
		parts = append(parts, c.t.AssignedToYou)
	case cv.Assignee != "":
		parts = append(parts, fill(c.t.AssignedTo, c.assigneeName(cv.Assignee)))
	case cv.VisitorEmail == "":
		parts = append(parts, c.t.NotAssigned)
	}
	if cv.VisitorEmail != "" {
		parts = append(parts, cv.VisitorEmail)
	}
	sub := strings.Join(parts, " · ")
	return app.Header().Class("pane-head").Body(
		app.Button().ID("pane-back").Type("button").Class("icon-btn", "pane-back").Aria("label", c.t.BackToList).Title(c.t.BackToList).
			OnClick(func(ctx app.Context, e app.Event) { c.closeThread(ctx) }).Body(icon(pathBack)),
		avatar(name, cv.VisitorID, "large"),
		app.Div().Class("who").Body(
			app.H2().ID("pane-title").Text(name),
			app.P().ID("pane-sub").Class("sub").Text(sub),
		),
		c.viewers(c.m.Thread),
		app.Div().Class("actions").Body(
			app.Div().Class("assign-group").Body(
				app.If(!mine, func() app.UI {
					return app.Button().ID("assign").Type("button").Class("btn").Disabled(c.busy).
						OnClick(func(ctx app.Context, e app.Event) { c.change(ctx, "assignee", c.m.Me.ID) }).
						Body(icon(pathPerson), app.Span().Text(c.t.AssignToMe))
				}).Else(func() app.UI {
					return app.Button().ID("assign").Type("button").Class("btn", "quiet").Disabled(c.busy).
						OnClick(func(ctx app.Context, e app.Event) { c.change(ctx, "assignee", "") }).
						Text(c.t.Unassign)
				}),
				c.assignMenu(cv),
			),
			app.Div().Class("menu-wrap").Body(
				c.statusMenu(cv),
				app.If(c.p.menu == menuSnooze, func() app.UI { return c.snoozeMenu() }),
			),
			c.resolveButton(cv),
		),
		app.Button().ID("side-toggle").Type("button").Class("icon-btn").Aria("controls", "sidebar").
			Aria("expanded", !c.p.sideHidden).Aria("label", c.t.Details).Title(c.t.Details).
			OnClick(func(ctx app.Context, e app.Event) { c.p.sideHidden = !c.p.sideHidden }).Body(icon(pathSidebar)),
	)
}

// assigneeName names the agent a conversation is assigned to, "a
// teammate" until the team list has loaded.
func (c *Console) assigneeName(id string) string {
	if n := c.m.AgentName(id); n != "" {
		return n
	}
	return c.t.Teammate
}

// resolveButton resolves the conversation, or reopens a resolved one.
func (c *Console) resolveButton(cv *Conv) app.UI {
	label, class := c.t.Resolve, "primary"
	if cv.Status == protocol.StatusResolved {
		label, class = c.t.Reopen, "secondary"
	}
	return app.Button().ID("resolve").Type("button").Class("btn", class).Disabled(c.busy).
		OnClick(func(ctx app.Context, e app.Event) { c.toggleResolved(ctx) }).
		Body(icon(pathCheck), app.Span().Text(label))
}

// toggleResolved resolves the open conversation, or reopens it.
func (c *Console) toggleResolved(ctx app.Context) {
	next := protocol.StatusResolved
	if cv := c.m.Conv(c.m.Thread.Conv); cv != nil && cv.Status == protocol.StatusResolved {
		next = protocol.StatusOpen
	}
	c.change(ctx, "status", next)
}

// statusMenu picks open, pending or resolved.
func (c *Console) statusMenu(cv *Conv) app.UI {
	statuses := []string{protocol.StatusOpen, protocol.StatusPending, protocol.StatusResolved}
	if cv.Status == protocol.StatusSnoozed {
		statuses = append(statuses, protocol.StatusSnoozed)
	}
	return app.Div().Class("status-menu").DataSet("status", cv.Status).Body(
		app.Span().Class("status-dot").DataSet("status", cv.Status).Aria("hidden", "true"),
		app.Select().ID("status").Aria("label", c.t.Status).Disabled(c.busy).
			OnChange(func(ctx app.Context, e app.Event) {
				c.onStatus(ctx, ctx.JSSrc().Get("value").String())
			}).Body(
			app.Range(statuses).Slice(func(i int) app.UI {
				s := statuses[i]
				return app.Option().Value(s).Selected(s == cv.Status).Disabled(s == protocol.StatusSnoozed).Text(c.statusName(s))
			}),
			app.Option().Value(statusSnooze).Text(c.t.SnoozeUntil),
		),
	)
}

// change sets the open conversation's status or assignee. Handlers read
// the conversation now rather than capture it: go-app keeps an element's
// old handler when the new one has the same code.
func (c *Console) change(ctx app.Context, field, value string) {
	c.update(ctx, map[string]any{field: value})
}

// open shows a conversation: its newest messages, its notes, and marks it
// read.
func (c *Console) open(ctx app.Context, id string) {
	if t := c.m.Thread; t != nil && t.Conv == id {
		return
	}
	c.stopTyping()
	c.m.Open(id)
	c.reveal(ctx, id)
	c.draft, c.notice = "", ""
	c.closePicker(ctx, false) // its query was typed in the other conversation
	c.loadOlder(ctx)
	c.loadNotes(ctx, id)
	c.openDetail(ctx, id)
	c.syncViewing(false)
	c.markRead()
	ctx.Defer(func(app.Context) {
		clearValue("composer")
		focus("composer")
	})
}

// loadOlder fetches the page of messages before the oldest one shown (the
// newest page first).
func (c *Console) loadOlder(ctx app.Context) {
	t := c.m.Thread
	if t == nil || c.client == nil || c.olderConv == t.Conv {
		return
	}
	c.olderConv = t.Conv
	conv, before, client := t.Conv, t.OldestSeq(), c.client
	go func() {
		hctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		msgs, err := client.History(hctx, conv, before, historyPage)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			if c.olderConv == conv {
				c.olderConv = ""
			}
			if err != nil || c.m == nil || c.m.Thread == nil || c.m.Thread.Conv != conv {
				return // offline: the next welcome loads it
			}
			height := scrollHeight()
			c.m.Thread.AddHistory(msgs, historyPage)
			c.markRead()
			ctx.Defer(func(app.Context) {
				if before == 0 {
					scrollToEnd()
				} else {
					keepPosition(height)
				}
			})
		})
	}()
}

func (c *Console) loadNotes(ctx app.Context, conv string) {
	go func() {
		notes, err := c.api.notes(conv)
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil && len(notes) > 0 && c.m != nil && c.m.Thread != nil && c.m.Thread.Conv == conv {
				atEnd := nearEnd()
				c.m.Thread.AddNotes(notes)
				if atEnd {
					ctx.Defer(func(app.Context) { scrollToEnd() })
				}
			}
		})
	}()
}

// markRead tells the visitor the agent has seen their messages, when the
// console is in front.
func (c *Console) markRead() {
	t := c.m.Thread
	if t == nil || c.client == nil || hidden() {
		return
	}
	c.seen(t.Conv)
	cv := c.m.Conv(t.Conv)
	if cv == nil || cv.LastSeq <= c.read[t.Conv] {
		return
	}
	if c.read == nil {
		c.read = map[string]int64{}
	}
	c.read[t.Conv] = cv.LastSeq
	c.client.MarkRead(t.Conv, cv.LastSeq)
}

func (c *Console) onScroll(ctx app.Context, e app.Event) {
	if t := c.m.Thread; t != nil && t.HasOlder && ctx.JSSrc().Get("scrollTop").Int() < 60 {
		c.loadOlder(ctx)
	}
}
