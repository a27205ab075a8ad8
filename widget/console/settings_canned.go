package console

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The Canned responses section (owners and admins): the list, and one
// form to add a response or edit the chosen one.

func (c *Console) cannedSection() app.UI {
	s := c.set
	var cur Canned
	for _, cr := range c.canned.list {
		if cr.ID == s.editing {
			cur = cr
		}
	}
	list := c.canned.list
	return app.Div().Class("settings-cards").Body(
		app.Form().ID("canned-form").Class("card").DataSet("editing", s.editing).Aria("labelledby", "canned-form-h").Body(
			app.H3().ID("canned-form-h").Text(map[bool]string{true: c.t.EditCanned, false: c.t.NewCanned}[cur.ID != ""]),
			app.Div().Class("grid2").Body(
				field(c.t.Shortcut, app.Div().Class("prefixed").Body(
					app.Span().Aria("hidden", "true").Text("/"),
					app.Input().ID("canned-shortcut").Name("canned-shortcut").Type("text").Value(cur.Shortcut).MaxLength(32).
						Attr("pattern", "[A-Za-z0-9_\\-]{1,32}").Attr("autocomplete", "off").Attr("spellcheck", "false").Required(true),
				)),
				textField("canned-title-in", c.t.CannedName, cur.Title, "off", true),
			),
			field(c.t.CannedBody, app.Textarea().ID("canned-body-in").Name("canned-body-in").Rows(4).MaxLength(4000).Required(true).Text(cur.Body)),
			app.Div().Class("card-foot").Body(
				app.If(cur.ID != "", func() app.UI {
					return app.Button().ID("canned-cancel").Type("button").Class("btn", "quiet").
						OnClick(func(ctx app.Context, e app.Event) { c.editCanned(ctx, Canned{}) }).Text(c.t.Cancel)
				}),
				app.Button().ID("canned-save").Type("submit").Class("btn", "primary").Disabled(s.busy).
					Text(map[bool]string{true: c.t.Save, false: c.t.Add}[cur.ID != ""]),
			),
		),
		app.Div().Class("card", "table-card").Body(
			app.Table().ID("canned-table").Class("table").Body(
				app.THead().Body(app.Tr().Body(app.Th().Text(c.t.Shortcut), app.Th().Text(c.t.CannedBody), app.Th().Body(app.Span().Class("sr-only").Text(c.t.Actions)))),
				app.TBody().Body(app.Range(list).Slice(func(i int) app.UI { return c.cannedRow(list[i]) })),
			),
			app.If(len(list) == 0, func() app.UI { return app.P().Class("table-empty").Text(c.t.CannedNone) }),
		),
	)
}

func (c *Console) cannedRow(cr Canned) app.UI {
	return app.Tr().DataSet("canned", cr.ID).Body(
		app.Td().Body(app.Code().Class("canned-short").Text("/"+cr.Shortcut)),
		app.Td().Class("grow").Body(app.P().Class("strong", "clamp").Text(cr.Title), app.P().Class("sub", "clamp").Text(cr.Body)),
		app.Td().Class("cell-actions").Body(
			app.Button().Type("button").Class("btn", "quiet").Aria("label", c.t.Edit+" /"+cr.Shortcut).
				OnClick(func(ctx app.Context, e app.Event) { c.editCanned(ctx, cr) }, app.EventScope("e"+cr.ID)).Text(c.t.Edit),
			app.Button().Type("button").Class("btn", "quiet", "danger").Aria("label", c.t.Delete+" /"+cr.Shortcut).
				OnClick(func(ctx app.Context, e app.Event) { c.deleteCanned(ctx, cr.ID) }, app.EventScope("d"+cr.ID)).Text(c.t.Delete),
		),
	)
}

// editCanned fills the form with cr (or empties it for a new one).
func (c *Console) editCanned(ctx app.Context, cr Canned) {
	c.set.editing, c.set.err, c.set.ok = cr.ID, "", ""
	ctx.Defer(func(app.Context) { // the inputs keep what was typed unless told
		for id, v := range map[string]string{"canned-shortcut": cr.Shortcut, "canned-title-in": cr.Title, "canned-body-in": cr.Body} {
			if el := byID(id); el.Truthy() {
				el.Set("value", v)
			}
		}
		focus("canned-shortcut")
	})
}

func (c *Console) submitCanned(ctx app.Context) {
	id := c.set.editing
	cr := Canned{Shortcut: strings.TrimPrefix(strings.TrimSpace(value("canned-shortcut")), "/"), Title: value("canned-title-in"), Body: value("canned-body-in")}
	c.settingsDo(ctx, func() error { _, err := c.api.saveCanned(id, cr); return err }, func(ctx app.Context) {
		c.editCanned(ctx, Canned{})
		c.set.ok = c.t.Saved
		c.reloadCanned(ctx)
	})
}

func (c *Console) deleteCanned(ctx app.Context, id string) {
	c.settingsDo(ctx, func() error { return c.api.deleteCanned(id) }, func(ctx app.Context) { c.reloadCanned(ctx) })
}

// reloadCanned fetches the list again, for this screen and the picker.
func (c *Console) reloadCanned(ctx app.Context) {
	c.canned.loading = false
	c.loadCanned(ctx)
}
