package console

import (
	"cmp"
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Assignable returns the enabled agents, by name, to assign to.
func (m *Model) Assignable() []Teammate {
	out := make([]Teammate, 0, len(m.team))
	for _, a := range m.team {
		if !a.Disabled {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b Teammate) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return out
}

// assignMenu is a menu button (WAI-ARIA menu button pattern) listing the
// enabled agents, and Unassign when someone has the conversation.
func (c *Console) assignMenu(cv *Conv) app.UI {
	open := c.p.menu == menuAssign
	team := c.m.Assignable()
	return app.Div().Class("menu-wrap").Body(
		app.Button().ID("assign-other").Type("button").Class("btn", "icon-only").Disabled(c.busy).
			Title(c.t.AssignMenu).Aria("label", c.t.AssignMenu).Aria("haspopup", "menu").Aria("expanded", open).
			Aria("controls", "assign-menu").
			OnClick(func(ctx app.Context, e app.Event) { c.toggleMenu(ctx, menuAssign) }).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				if k := e.Get("key").String(); k == "ArrowDown" || k == "ArrowUp" {
					c.openMenu(ctx, menuAssign, k == "ArrowUp")
				}
			}).Body(icon(pathPerson), icon(pathChevron)),
		app.If(open, func() app.UI {
			return app.Ul().ID("assign-menu").Class("menu").Role("menu").Aria("label", c.t.AssignMenu).
				OnKeyDown(c.menuKeys).Body(
				app.Range(team).Slice(func(i int) app.UI {
					a := team[i]
					return app.Li().Role("none").Body(
						app.Button().Type("button").Role("menuitemradio").TabIndex(-1).Class("menu-item").
							DataSet("agent", a.ID).Aria("checked", a.ID == cv.Assignee).
							OnClick(func(ctx app.Context, e app.Event) { c.pick(ctx, "assignee", a.ID) }, app.EventScope(a.ID)).Body(
							app.Span().Class("avatar", "tiny").Aria("hidden", "true").Text(initial(a.Name)),
							app.Span().Text(a.Name),
						),
					)
				}),
				app.If(cv.Assignee != "", func() app.UI {
					return app.Li().Role("none").Class("menu-sep").Body(
						app.Button().ID("assign-none").Type("button").Role("menuitem").TabIndex(-1).Class("menu-item").
							OnClick(func(ctx app.Context, e app.Event) { c.pick(ctx, "assignee", "") }).Text(c.t.Unassign),
					)
				}),
			)
		}),
	)
}

// toggleMenu opens or closes a popup menu from its button.
func (c *Console) toggleMenu(ctx app.Context, menu string) {
	if c.p.menu == menu {
		c.closeMenu(ctx)
		return
	}
	c.openMenu(ctx, menu, false)
}

// openMenu opens a popup and focuses its first (or last) item.
func (c *Console) openMenu(ctx app.Context, menu string, last bool) {
	c.p.menu = menu
	ctx.Defer(func(app.Context) { focusMenuItem(0, last) })
}

// closeMenu closes the open popup and gives focus back to its button.
func (c *Console) closeMenu(ctx app.Context) {
	button := map[string]string{menuAssign: "assign-other", menuSnooze: "status"}[c.p.menu]
	c.p.menu = ""
	if button != "" {
		focus(button) // now, while the menu is still there: removing the focused item would drop focus to the page
	}
}

// pick applies a menu choice and closes the menu.
func (c *Console) pick(ctx app.Context, field string, value any) {
	c.closeMenu(ctx)
	c.update(ctx, map[string]any{field: value})
}

// menuKeys moves through an open menu: arrows, Home and End move, Escape
// closes it, Tab leaves it.
func (c *Console) menuKeys(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "ArrowDown":
		focusMenuItem(1, false)
	case "ArrowUp":
		focusMenuItem(-1, false)
	case "Home":
		focusMenuItem(0, false)
	case "End":
		focusMenuItem(0, true)
	case "Escape":
		c.closeMenu(ctx)
	case "Tab":
		c.p.menu = ""
	}
}

// focusMenuItem focuses an item of the open menu: by offset from the one
// focused now (wrapping), or the first or last when offset is 0.
func focusMenuItem(offset int, last bool) {
	items := app.Window().Get("document").Call("querySelectorAll", `.menu [role^="menuitem"]`)
	n := items.Length()
	if n == 0 {
		return
	}
	i := 0
	if last {
		i = n - 1
	}
	if offset != 0 {
		active := app.Window().Get("document").Get("activeElement")
		for j := range n {
			if items.Index(j).Equal(active) {
				i = ((j+offset)%n + n) % n
			}
		}
	}
	items.Index(i).Call("focus")
}
