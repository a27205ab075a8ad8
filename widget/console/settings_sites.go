package console

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The Sites section (owners and admins): each site with its embed
// snippet, a form for a new site, and the edit form with the widget's
// look.

// colourPresets are offered beside the colour input.
var colourPresets = []string{"#4f46e5", "#2563eb", "#0d9488", "#16a34a", "#db2777", "#ea580c", "#1f2937"}

// snippet is the embed code for a site served from origin.
func snippet(origin, key string) string {
	return `<script async src="` + origin + `/widget.js" data-site="` + key + `"></script>`
}

func origin() string { return app.Window().Get("location").Get("origin").String() }

func (c *Console) sitesSection() app.UI {
	s := c.set
	for _, site := range s.sites {
		if site.ID == s.editing {
			return c.siteForm(site)
		}
	}
	return app.Div().Class("settings-cards").Body(
		app.Range(s.sites).Slice(func(i int) app.UI { return c.siteCard(s.sites[i]) }),
		app.Form().ID("site-new-form").Class("card").Aria("labelledby", "site-new-h").Body(
			app.H3().ID("site-new-h").Text(c.t.NewSite),
			textField("site-new-name", c.t.SiteName, "", "off", true),
			originsField("site-new-origins", c.t.Origins, c.t.OriginsHint, nil),
			app.Div().Class("card-foot").Body(app.Button().ID("site-create").Type("submit").Class("btn", "primary").Disabled(s.busy).Text(c.t.Create)),
		),
	)
}

func originsField(id, label, hint string, origins []string) app.UI {
	return app.Label().Class("field").Body(
		app.Span().Text(label),
		app.Textarea().ID(id).Name(id).Rows(2).Attr("spellcheck", "false").Aria("describedby", id+"-hint").Text(strings.Join(origins, "\n")),
		app.Small().ID(id+"-hint").Class("field-hint").Text(hint),
	)
}

func (c *Console) siteCard(site SiteInfo) app.UI {
	code := snippet(origin(), site.Key)
	return app.Section().Class("card", "site-card").DataSet("site", site.ID).Aria("label", site.Name).Body(
		app.Div().Class("site-head").Body(
			app.Span().Class("swatch").Style("background", site.Widget.Color).Aria("hidden", "true"),
			app.Div().Class("site-who").Body(
				app.H3().Text(site.Name),
				app.P().Class("sub").Text(strings.Join(site.Origins, " · ")),
			),
			app.Button().Type("button").Class("btn").Aria("label", c.t.Edit+" "+site.Name).
				OnClick(func(ctx app.Context, e app.Event) { c.editSite(site) }, app.EventScope(site.ID)).Text(c.t.Edit),
		),
		app.P().Class("snippet-label").Text(c.t.Snippet),
		app.Div().Class("row", "snippet-row").Body(
			app.Pre().ID("snippet-"+site.Key).Class("snippet").Body(app.Code().Text(code)),
			c.copyButton("copy-"+site.Key, "snippet-"+site.Key, code),
		),
	)
}

func (c *Console) editSite(site SiteInfo) {
	c.set.editing, c.set.look, c.set.err, c.set.ok = site.ID, site.Widget, "", ""
	if c.set.look.Color == "" {
		c.set.look.Color = colourPresets[0]
	}
}

// siteForm edits a site: name, origins and the widget's look.
func (c *Console) siteForm(site SiteInfo) app.UI {
	s := c.set
	return app.Form().ID("site-form").Class("card", "site-form").DataSet("site", site.ID).Aria("labelledby", "site-form-h").Body(
		app.H3().ID("site-form-h").Text(site.Name),
		textField("site-name", c.t.SiteName, site.Name, "off", true),
		originsField("site-origins", c.t.Origins, c.t.OriginsHint, site.Origins),
		app.FieldSet().Class("field").Body(
			app.Legend().Text(c.t.Colour),
			app.Div().Class("colours").Body(
				app.Input().ID("site-color").Type("color").Value(s.look.Color).Aria("label", c.t.Colour).
					OnInput(func(ctx app.Context, e app.Event) { s.look.Color = ctx.JSSrc().Get("value").String() }),
				app.Range(colourPresets).Slice(func(i int) app.UI { return c.preset(colourPresets[i]) }),
			),
		),
		app.FieldSet().Class("field").Body(
			app.Legend().Text(c.t.Position),
			app.Div().Class("choices").Body(
				radio("pos-right", "position", c.t.Right, s.look.Position != "left"),
				radio("pos-left", "position", c.t.Left, s.look.Position == "left"),
			),
		),
		textField("site-greeting", c.t.Greeting, s.look.Greeting, "off", false),
		textField("site-launcher", c.t.LauncherText, s.look.LauncherText, "off", true),
		field(c.t.Locale, app.Select().ID("site-locale").Body(
			option("auto", c.t.LocaleAuto, or(s.look.Locale, "auto")), option("en", "English", or(s.look.Locale, "auto")), option("zh-CN", "中文", or(s.look.Locale, "auto")),
		)),
		app.Label().Class("check").Body(
			app.Input().ID("site-prechat").Type("checkbox").Checked(s.look.PreChatForm),
			app.Span().Text(c.t.PreChat),
		),
		app.Div().Class("card-foot").Body(
			app.Button().ID("site-cancel").Type("button").Class("btn", "quiet").
				OnClick(func(ctx app.Context, e app.Event) { c.set.editing = ""; c.set.err = "" }).Text(c.t.Cancel),
			app.Button().ID("site-save").Type("submit").Class("btn", "primary").Disabled(s.busy).Text(c.t.Save),
		),
	)
}

func (c *Console) preset(colour string) app.UI {
	return app.Button().Type("button").Class("preset").Style("background", colour).Aria("label", colour).
		Aria("pressed", strings.EqualFold(c.set.look.Color, colour)).
		OnClick(func(ctx app.Context, e app.Event) { c.set.look.Color = colour }, app.EventScope(colour))
}

func radio(id, name, label string, on bool) app.UI {
	return app.Label().Class("check").Body(app.Input().ID(id).Name(name).Type("radio").Checked(on), app.Span().Text(label))
}

func option(v, label, current string) app.UI {
	return app.Option().Value(v).Selected(v == current).Text(label)
}

// lines splits a textarea's text into its non-empty lines.
func lines(text string) []string {
	out := []string{}
	for _, l := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ',' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (c *Console) submitSite(ctx app.Context, form string) {
	if form == "site-new-form" {
		change := map[string]any{"name": value("site-new-name"), "origins": lines(value("site-new-origins"))}
		var site SiteInfo
		c.settingsDo(ctx, func() (err error) { site, err = c.api.saveSite("", change); return err }, func(ctx app.Context) {
			c.set.sites = append(c.set.sites, site)
			c.editSite(site)
		})
		return
	}
	id, pos := c.set.editing, "right"
	if checked("pos-left") {
		pos = "left"
	}
	look := WidgetLook{Color: c.set.look.Color, Position: pos, Greeting: value("site-greeting"), LauncherText: value("site-launcher"),
		Locale: strings.TrimPrefix(value("site-locale"), "auto"), PreChatForm: checked("site-prechat")}
	change := map[string]any{"name": value("site-name"), "origins": lines(value("site-origins")), "widget": look}
	c.settingsDo(ctx, func() error { _, err := c.api.saveSite(id, change); return err }, func(ctx app.Context) {
		c.loadSites(ctx)
		c.set.editing, c.set.ok = "", c.t.Saved
	})
}

// or returns s, or def when s is empty.
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
