package console

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The settings screen, opened from the rail's gear: a column of sections
// where the conversation list is, and the section beside it. Agents see
// Profile and API tokens; owners and admins also Sites, Team and Canned
// responses.

// Sections of the settings screen.
const (
	secProfile = "profile"
	secTokens  = "tokens"
	secSites   = "sites"
	secTeam    = "team"
	secCanned  = "canned"
)

// settingsState is the open settings screen.
type settingsState struct {
	section string
	sites   []SiteInfo
	team    []Teammate
	tokens  []TokenInfo
	editing string // the site or canned response being edited; "new" for a new one
	look    WidgetLook
	secret  string // a token, password or link shown once
	copied  string // the id of the copy button that just copied
	err     string
	ok      string
	busy    bool
}

// isAdmin reports whether the signed-in agent manages the team and sites.
func (c *Console) isAdmin() bool {
	return c.m != nil && (c.m.Me.Role == "owner" || c.m.Me.Role == "admin")
}

// sections lists the sections the agent may open.
func (c *Console) sections() []string {
	if c.isAdmin() {
		return []string{secProfile, secTokens, secSites, secTeam, secCanned}
	}
	return []string{secProfile, secTokens}
}

// openSettings shows the settings screen at its first section.
func (c *Console) openSettings(ctx app.Context) {
	c.closePicker(ctx, false)
	c.set = &settingsState{}
	c.openSection(ctx, secProfile)
}

// closeSettings returns to the inbox.
func (c *Console) closeSettings() { c.set = nil }

// openSection switches section and loads what it lists.
func (c *Console) openSection(ctx app.Context, sec string) {
	s := c.set
	s.section, s.editing, s.secret, s.copied, s.err, s.ok = sec, "", "", "", "", ""
	switch sec {
	case secSites:
		c.loadSites(ctx)
	case secTeam:
		c.fetchTeam(ctx)
	case secTokens:
		c.loadTokens(ctx)
	case secCanned:
		c.loadCanned(ctx)
	}
}

// settingsDo runs call off the UI goroutine, then, back on it, shows the
// failure or runs done.
func (c *Console) settingsDo(ctx app.Context, call func() error, done func(ctx app.Context)) {
	s := c.set
	s.busy, s.err, s.ok, s.copied = true, "", "", ""
	go func() {
		err := call()
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if c.set != s {
				return // the screen was closed or reopened meanwhile
			}
			switch {
			case httpStatus(err) == statusUnauthorized:
				c.signedOut(ctx, c.t.SessionEnded)
			case err != nil:
				s.err = problem(err, c.t.Unavailable)
			case done != nil:
				done(ctx)
			}
		})
	}()
}

// settingsFetch loads a list off the UI goroutine and hands it to done
// on it, leaving the screen's messages alone.
func settingsFetch[T any](c *Console, ctx app.Context, fetch func() (T, error), done func(T)) {
	s := c.set
	go func() {
		v, err := fetch()
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case c.set != s:
			case httpStatus(err) == statusUnauthorized:
				c.signedOut(ctx, c.t.SessionEnded)
			case err != nil:
				s.err = problem(err, c.t.Unavailable)
			default:
				done(v)
			}
		})
	}()
}

func (c *Console) loadSites(ctx app.Context) {
	settingsFetch(c, ctx, c.api.sites, func(l []SiteInfo) { c.set.sites = l })
}

func (c *Console) fetchTeam(ctx app.Context) {
	mark := c.m.PresenceMark()
	settingsFetch(c, ctx, c.api.team, func(l []Teammate) {
		c.set.team = l
		c.m.SetTeam(l, mark)
	})
}

func (c *Console) loadTokens(ctx app.Context) {
	settingsFetch(c, ctx, c.api.tokens, func(l []TokenInfo) { c.set.tokens = l })
}

// renderSettings draws the screen beside the rail.
func (c *Console) renderSettings() app.UI {
	s := c.set
	return app.Div().ID("console").Class("console", "inbox", "settings-mode").Body(
		c.rail(),
		app.Nav().Class("list", "settings-nav").Aria("label", c.t.Settings).Body(
			app.Div().Class("list-head").Body(app.H1().Class("list-title").Text(c.t.Settings)),
			app.Ul().Class("views", "settings-sections").Body(
				app.Range(c.sections()).Slice(func(i int) app.UI { return c.sectionLink(c.sections()[i]) }),
			),
		),
		app.Main().ID("settings").Class("pane", "settings-pane").DataSet("section", s.section).Body(
			app.Div().Class("settings-body").Body(
				app.H2().ID("settings-title").Class("settings-title").Text(c.sectionName(s.section)),
				app.P().Class("settings-intro").Text(c.sectionIntro(s.section)),
				// The messages keep a slot of their own, so that showing one does
				// not make go-app rebuild the forms below (and lose what was typed).
				app.Div().Class("settings-messages").Body(
					app.If(s.err != "", func() app.UI { return app.P().ID("settings-error").Class("form-error").Role("alert").Text(s.err) }),
					app.If(s.ok != "", func() app.UI { return app.P().ID("settings-ok").Class("form-ok").Role("status").Text(s.ok) }),
				),
				c.section(),
			),
		),
		c.banner(),
	)
}

func (c *Console) section() app.UI {
	switch c.set.section {
	case secTokens:
		return c.tokensSection()
	case secSites:
		return c.sitesSection()
	case secTeam:
		return c.teamSection()
	case secCanned:
		return c.cannedSection()
	}
	return c.profileSection()
}

func (c *Console) sectionLink(sec string) app.UI {
	return app.Li().Body(
		app.Button().Type("button").Class("view").DataSet("section", sec).Aria("current", c.set.section == sec).
			OnClick(func(ctx app.Context, e app.Event) { c.openSection(ctx, sec) }, app.EventScope(sec)).Body(
			app.Span().Class("view-icon").Body(icon(sectionIcons[sec])),
			app.Span().Class("view-name").Text(c.sectionName(sec)),
		),
	)
}

func (c *Console) sectionName(sec string) string {
	return map[string]string{secProfile: c.t.Profile, secTokens: c.t.Tokens, secSites: c.t.Sites,
		secTeam: c.t.Team, secCanned: c.t.CannedTitle}[sec]
}

func (c *Console) sectionIntro(sec string) string {
	return map[string]string{secProfile: c.t.ProfileIntro, secTokens: c.t.TokensIntro, secSites: c.t.SitesIntro,
		secTeam: c.t.TeamIntro, secCanned: c.t.CannedIntro}[sec]
}

// settingsSubmit handles the settings screen's forms by id.
func (c *Console) settingsSubmit(ctx app.Context, id string) {
	if c.set == nil || c.set.busy {
		return
	}
	switch id {
	case "profile-form":
		c.submitProfile(ctx)
	case "password-form":
		c.submitPassword(ctx)
	case "token-form":
		c.submitToken(ctx)
	case "site-new-form", "site-form":
		c.submitSite(ctx, id)
	case "invite-form":
		c.submitInvite(ctx)
	case "canned-form":
		c.submitCanned(ctx)
	}
}

// value is the value of the input with this id.
func value(id string) string {
	if el := byID(id); el.Truthy() {
		return el.Get("value").String()
	}
	return ""
}

// checked reports whether the checkbox or radio with this id is checked.
func checked(id string) bool {
	el := byID(id)
	return el.Truthy() && el.Get("checked").Bool()
}

// gear opens (or leaves) the settings screen from the rail.
func (c *Console) gear() app.UI {
	open := c.set != nil
	return app.Button().ID("settings-open").Type("button").Class("icon-btn").Title(c.t.Settings).Aria("label", c.t.Settings).
		Aria("pressed", open).OnClick(func(ctx app.Context, e app.Event) {
		if open {
			c.closeSettings()
		} else {
			c.openSettings(ctx)
		}
	}).Body(icon(pathGear))
}

const (
	pathGear  = `<circle cx="12" cy="12" r="3"/><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"/>`
	pathCopy  = `<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V6a2 2 0 0 1 2-2h9"/>`
	pathBolt  = `<path d="M13 3L5 13.5h6L10 21l8-10.5h-6z"/>`
	pathKey   = `<circle cx="8" cy="15" r="4"/><path d="M10.8 12.2L20 3M16 7l3 3M14 9l2 2"/>`
	pathGlobe = `<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17M12 3.5c2.5 2.6 3.5 5.4 3.5 8.5s-1 5.9-3.5 8.5c-2.5-2.6-3.5-5.4-3.5-8.5s1-5.9 3.5-8.5z"/>`
	pathTeam  = `<circle cx="9" cy="9" r="3.2"/><path d="M3 19c.7-3 3-4.8 6-4.8s5.3 1.8 6 4.8"/><path d="M15.5 6.2a3 3 0 0 1 0 5.6M17.5 14.5c1.8.6 3 2.2 3.5 4.5"/>`
)

var sectionIcons = map[string]string{secProfile: pathPerson, secTokens: pathKey, secSites: pathGlobe, secTeam: pathTeam, secCanned: pathBolt}
