package console

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// list is the middle column: the search box, then the current view's
// conversations, the longest-waiting visitor first, or while a query is
// in, what the search found.
func (c *Console) list() app.UI {
	if c.m.Searching() {
		return c.results()
	}
	convs := c.m.List(c.m.View)
	empty, sortLabel := c.t.Empty, c.t.WaitingFirst
	switch c.m.View {
	case ViewResolved:
		empty, sortLabel = c.t.EmptyResolved, c.t.NewestFirst
	case ViewSnoozed:
		empty, sortLabel = c.t.EmptySnoozed, c.t.SoonestFirst
	}
	return app.Section().Class("list").Aria("labelledby", "list-title").Body(
		c.searchBox(),
		app.Header().Class("list-head").Body(
			app.H1().ID("list-title").Text(c.viewName(c.m.View)),
			app.Span().Class("list-count").Text(len(convs)),
			app.Span().Class("list-sort").Text(sortLabel),
		),
		app.If(len(convs) == 0, func() app.UI {
			return app.Div().Class("list-empty").Body(icon(pathCheck), app.P().Text(empty))
		}).Else(func() app.UI { return c.rows(convs, c.t.Conversations) }),
	)
}

// row is one conversation in the list. Its click handler is scoped by
// the conversation: go-app keeps a handler whose code is the same, so
// without a scope a row reused for another conversation would open the
// first.
func (c *Console) row(cv *Conv, now time.Time, pos, size int) app.UI {
	name := c.visitorName(cv)
	selected := c.m.Thread != nil && c.m.Thread.Conv == cv.ID
	when, urgency, title := "", "", ""
	switch {
	case cv.Status == protocol.StatusSnoozed && !cv.SnoozedUntil.IsZero():
		when, title = fill(c.t.Until, WakeLabel(cv.SnoozedUntil, now, c.t)), cv.SnoozedUntil.Local().Format("Mon 2 Jan 15:04")
	case !cv.WaitingSince.IsZero():
		when, urgency, title = Ago(cv.WaitingSince, now, c.t.Now), Urgency(cv.WaitingSince, now), cv.WaitingSince.Local().Format("Mon 2 Jan 15:04")
	case !cv.Activity.IsZero():
		when, title = Ago(cv.Activity, now, c.t.Now), cv.Activity.Local().Format("Mon 2 Jan 15:04")
	}
	return app.Li().Aria("setsize", size).Aria("posinset", pos).Body(
		app.Button().Type("button").Class("conv").DataSet("conv", cv.ID).DataSet("status", cv.Status).
			DataSet("waiting", !cv.WaitingSince.IsZero()).Aria("current", selected).Body( // clicks: keyboard.go's clickedConv
			avatar(name, cv.VisitorID, ""),
			app.Span().Class("conv-main").Body(
				app.Span().Class("conv-top").Body(
					app.Span().Class("conv-name").Text(name),
					app.Span().Class("conv-time").DataSet("urgency", urgency).Title(title).Text(when),
				),
				app.Span().Class("conv-bottom").Body(
					c.previewOrMatch(cv),
					c.assigneeTag(cv),
					app.Span().Class("status-dot").DataSet("status", cv.Status).Title(c.statusName(cv.Status)),
				),
			),
		),
	)
}

// assigneeTag names who the conversation is assigned to: "You" or the
// teammate's first name, all of it for screen readers.
func (c *Console) assigneeTag(cv *Conv) app.UI {
	if cv.Assignee == "" {
		return nil
	}
	name, short := c.assigneeName(cv.Assignee), ""
	if cv.Assignee == c.m.Me.ID {
		name, short = c.t.You, c.t.You
	} else {
		short, _, _ = strings.Cut(name, " ")
	}
	return app.Span().Class("conv-assignee").DataSet("assignee", cv.Assignee).Title(fill(c.t.AssignedTo, name)).Body(
		app.Span().Class("sr-only").Text(fill(c.t.AssignedTo, name)),
		app.Span().Aria("hidden", "true").Text(short),
	)
}

// preview is the last message, introduced by who wrote it when it was not
// the visitor.
func (c *Console) preview(cv *Conv) string {
	m := cv.Last
	switch {
	case m.Seq == 0:
		return ""
	case m.Author.Kind == protocol.AuthorAgent && m.Author.ID == c.m.Me.ID:
		return c.t.You + ": " + m.Body
	case m.Author.Kind == protocol.AuthorAgent && m.Author.Name != "":
		return m.Author.Name + ": " + m.Body
	}
	return m.Body
}

// visitorName is the visitor's name, else "Visitor #K9X2".
func (c *Console) visitorName(cv *Conv) string {
	switch {
	case cv.VisitorName != "":
		return cv.VisitorName
	case cv.VisitorID != "":
		return fill(c.t.VisitorNo, ShortID(cv.VisitorID))
	}
	return c.t.Visitor
}

func (c *Console) statusName(s string) string {
	switch s {
	case protocol.StatusOpen:
		return c.t.Open
	case protocol.StatusPending:
		return c.t.Pending
	case protocol.StatusSnoozed:
		return c.t.Snoozed
	}
	return c.t.Resolved
}

// avatar is a round initial in a colour derived from seed, so a visitor
// keeps their colour everywhere.
func avatar(name, seed, size string) app.UI {
	h := uint32(2166136261)
	for i := 0; i < len(seed); i++ {
		h = (h ^ uint32(seed[i])) * 16777619
	}
	hues := [...]int{234, 262, 199, 168, 28, 340, 142, 48}
	a := app.Span().Class("avatar").Aria("hidden", "true").Style("--hue", strconv.Itoa(hues[h%uint32(len(hues))])).Text(initial(name))
	if size != "" {
		a = a.Class(size)
	}
	return a
}
