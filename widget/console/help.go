package console

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// help is the keyboard shortcuts' overlay: a modal dialog (focus stays in
// it, Esc closes it, focus goes back where it was).
func (c *Console) helpOverlay() app.UI {
	if !c.sh.help {
		return nil
	}
	rows := c.shortcutRows()
	return app.Div().ID("help-backdrop").Class("overlay").
		OnClick(func(ctx app.Context, e app.Event) {
			if e.Get("target").Get("id").String() == "help-backdrop" {
				c.closeHelp(ctx)
			}
		}).Body(
		app.Div().ID("help").Class("dialog", "help").Role("dialog").Aria("modal", "true").Aria("labelledby", "help-title").Body(
			app.Header().Class("dialog-head").Body(
				app.H2().ID("help-title").Text(c.t.Shortcuts),
				app.Button().ID("help-close").Type("button").Class("icon-btn").Title(c.t.Close).Aria("label", c.t.Close).
					OnClick(func(ctx app.Context, e app.Event) { c.closeHelp(ctx) }).Body(icon(pathClose)),
			),
			app.Ul().Class("keys").Body(
				app.Range(rows).Slice(func(i int) app.UI {
					r := rows[i]
					return app.Li().Class("key-row").Body(
						app.Span().Class("key-what").Text(r.what),
						app.Span().Class("key-keys").Body(app.Range(r.keys).Slice(func(j int) app.UI {
							if r.keys[j] == "" {
								return app.Span().Class("key-sep").Text(c.t.Then)
							}
							return app.Kbd().Text(r.keys[j])
						})),
					)
				}),
			),
		),
	)
}

// shortcutRow is one line of the help: its keys ("" between a sequence's
// keys) and what they do.
type shortcutRow struct {
	keys []string
	what string
}

// shortcutRows lists every shortcut in the console's language.
func (c *Console) shortcutRows() []shortcutRow {
	t := c.t
	rows := []shortcutRow{
		{[]string{"?"}, t.KeyHelp},
		{[]string{"j", "↓"}, t.KeyNext},
		{[]string{"k", "↑"}, t.KeyPrev},
		{[]string{"Enter"}, t.KeyOpen},
		{[]string{"r"}, t.KeyReply},
		{[]string{"n"}, t.KeyNote},
		{[]string{"a"}, t.KeyAssign},
		{[]string{"e"}, t.KeyResolve},
		{[]string{"o"}, t.KeyReopen},
		{[]string{"/"}, t.KeySearch},
	}
	for _, v := range Views {
		letter := map[View]string{ViewUnassigned: "u", ViewMine: "m", ViewOpen: "o", ViewPending: "p", ViewResolved: "r"}[v]
		rows = append(rows, shortcutRow{[]string{"g", "", letter}, fill(t.KeyView, c.viewName(v))})
	}
	return append(rows, shortcutRow{[]string{"Esc"}, t.KeyEscape})
}
