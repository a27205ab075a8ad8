package console

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// renderInbox draws the signed-in console: the rail of views, the list of
// the current view and the open conversation.
func (c *Console) renderInbox() app.UI {
	if c.set != nil {
		return c.renderSettings()
	}
	return app.Div().ID("console").Class("console", "inbox").Body(
		c.rail(),
		c.list(),
		c.pane(),
		c.banner(),
		c.helpOverlay(),
	)
}

// rail is the left column: the views with their live counts, and who is
// signed in.
func (c *Console) rail() app.UI {
	return app.Nav().Class("rail").Aria("label", c.t.Views).Body(
		app.Div().Class("brand").Body(logo(), app.Span().Text(c.t.Title)),
		app.H2().Class("rail-title").Text(c.t.Inbox),
		app.Ul().Class("views").Body(
			app.Range(Views).Slice(func(i int) app.UI { return c.viewLink(Views[i]) }),
		),
		c.teamList(),
		app.Div().Class("me").Body(
			c.meButton(),
			app.Div().Class("me-who").Body(
				app.P().Class("me-name").Text(c.m.Me.Name),
				app.P().Class("me-email").Text(c.m.Me.Email),
			),
			c.gear(),
			app.Button().ID("signout").Type("button").Class("icon-btn").Title(c.t.SignOut).Aria("label", c.t.SignOut).
				OnClick(func(ctx app.Context, e app.Event) { c.signOut(ctx) }).Body(icon(pathSignOut)),
			c.meMenu(),
		),
	)
}

func (c *Console) viewLink(v View) app.UI {
	current := c.m.View == v
	return app.Li().Body(
		app.Button().Type("button").Class("view").DataSet("view", string(v)).Aria("current", current).
			OnClick(func(ctx app.Context, e app.Event) { c.set = nil; c.showView(ctx, v) }, app.EventScope(string(v))).Body(
			app.Span().Class("view-icon").Body(icon(viewIcons[v])),
			app.Span().Class("view-name").Text(c.viewName(v)),
			app.Span().Class("count").DataSet("view", string(v)).Text(c.m.Count(v)),
		),
	)
}

func (c *Console) viewName(v View) string {
	switch v {
	case ViewUnassigned:
		return c.t.Unassigned
	case ViewMine:
		return c.t.Mine
	case ViewOpen:
		return c.t.AllOpen
	case ViewPending:
		return c.t.Pending
	case ViewSnoozed:
		return c.t.Snoozed
	}
	return c.t.Resolved
}

// banner tells the agent when the socket is down; it is hidden online.
func (c *Console) banner() app.UI {
	var text string
	switch c.m.Link {
	case LinkConnecting:
		text = c.t.Connecting
	case LinkReconnecting:
		text = c.t.Reconnecting
	case LinkBackOnline:
		text = c.t.BackOnline
	}
	return app.Div().ID("banner").Class("banner").DataSet("state", string(c.m.Link)).
		Role("status").Aria("live", "polite").Text(text)
}
