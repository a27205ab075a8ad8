package console

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// The rail's agent menu (the avatar opens it): online or away,
// notifications and sound, language, and the shortcuts' help. And the
// team with everyone's presence.

// stateName names a presence state.
func (c *Console) stateName(state string) string {
	switch state {
	case protocol.AgentOnline:
		return c.t.Online
	case protocol.AgentAway:
		return c.t.Away
	}
	return c.t.Offline
}

// presenceDot is a small dot coloured by presence state.
func presenceDot(state, title string) app.UI {
	return app.Span().Class("presence-dot").DataSet("state", state).Title(title)
}

// meButton is the agent's avatar with their presence; it opens the menu
// (a disclosure: the menu is a group of ordinary buttons, not an ARIA menu).
func (c *Console) meButton() app.UI {
	state := c.m.State(c.m.Me.ID)
	return app.Button().ID("me-button").Type("button").Class("me-button").DataSet("state", state).
		Title(c.t.Menu).Aria("label", c.t.Menu+" — "+c.stateName(state)).
		Aria("expanded", c.sh.menu).Aria("controls", "me-menu").
		OnClick(func(ctx app.Context, e app.Event) { c.sh.menu = !c.sh.menu }).Body(
		app.Span().Class("avatar", "me-avatar").Aria("hidden", "true").Text(initial(c.m.Me.Name)),
		presenceDot(state, ""),
	)
}

// meMenu is the agent's menu, shown while open.
func (c *Console) meMenu() app.UI {
	if !c.sh.menu {
		return nil
	}
	away := c.m.Away()
	return app.Div().ID("me-menu").Class("me-menu").Role("group").Aria("label", c.t.Menu).Body(
		app.P().Class("menu-label").ID("menu-status").Text(c.t.MyStatus),
		app.Div().Class("segmented").Role("group").Aria("labelledby", "menu-status").Body(
			c.segment("presence-online", c.t.Online, !away, protocol.AgentOnline, func(ctx app.Context) { c.setAway(ctx, false) }),
			c.segment("presence-away", c.t.Away, away, protocol.AgentAway, func(ctx app.Context) { c.setAway(ctx, true) }),
		),
		app.P().Class("menu-label").Text(c.t.Notifications),
		c.notifyItem(),
		app.Button().ID("mute").Type("button").Class("menu-item", "switch").Aria("pressed", c.sh.attn.Muted).
			OnClick(func(ctx app.Context, e app.Event) { c.toggleMute() }).Body(
			app.Span().Class("menu-text").Text(c.t.MuteSounds), app.Span().Class("toggle").Aria("hidden", "true")),
		app.P().Class("menu-label").ID("menu-lang").Text(c.t.Language),
		app.Div().Class("segmented").Role("group").Aria("labelledby", "menu-lang").Body(
			c.segment("lang-en", "English", c.t == english, "", func(ctx app.Context) { c.setLang("en", true) }),
			c.segment("lang-zh", "中文", c.t == chinese, "", func(ctx app.Context) { c.setLang("zh", true) }),
		),
		app.Hr().Class("menu-rule"),
		app.Button().ID("open-help").Type("button").Class("menu-item").
			OnClick(func(ctx app.Context, e app.Event) { c.toggleHelp(ctx) }).Body(
			app.Span().Class("menu-text").Text(c.t.Shortcuts), app.Kbd().Text("?")),
	)
}

// segment is one button of a two-way choice.
func (c *Console) segment(id, label string, on bool, state string, do func(app.Context)) app.UI {
	b := app.Button().ID(id).Type("button").Class("segment").Aria("pressed", on).
		OnClick(func(ctx app.Context, e app.Event) { do(ctx) })
	if state != "" {
		return b.Disabled(c.sh.presenceBusy).Body(presenceDot(state, ""), app.Span().Text(label))
	}
	return b.Lang(map[string]string{"English": "en", "中文": "zh-CN"}[label]).Text(label)
}

// notifyItem offers desktop notifications, or says whether they are on.
func (c *Console) notifyItem() app.UI {
	switch c.sh.perm {
	case "default":
		return app.Button().ID("notify-enable").Type("button").Class("menu-item").
			OnClick(func(ctx app.Context, e app.Event) { c.enableNotifications(ctx) }).
			Body(app.Span().Class("menu-text").Text(c.t.EnableNotifications))
	case "granted":
		return app.P().ID("notify-state").Class("menu-note").Text(c.t.NotificationsOn)
	case "denied":
		return app.P().ID("notify-state").Class("menu-note").Text(c.t.NotificationsOff)
	}
	return nil
}

// teamList shows the other agents with their presence. It is always
// drawn (empty without teammates) so that the rail's later elements keep
// their nodes when the team loads.
func (c *Console) teamList() app.UI {
	mates := c.m.Teammates()
	return app.Div().Class("team").DataSet("empty", len(mates) == 0).Body(
		app.H2().Class("rail-title").ID("team-title").Text(c.t.Team),
		app.Ul().Class("mates").Aria("labelledby", "team-title").Body(
			app.Range(mates).Slice(func(i int) app.UI {
				a, state := mates[i], c.m.State(mates[i].ID)
				return app.Li().Class("mate").DataSet("agent", a.ID).DataSet("state", state).Body(
					app.Span().Class("mate-avatar").Body(avatar(a.Name, a.ID, "small"), presenceDot(state, c.stateName(state))),
					app.Span().Class("mate-name").Text(a.Name),
					app.Span().Class("sr-only").Text(", "+c.stateName(state)),
				)
			}),
		),
	)
}
