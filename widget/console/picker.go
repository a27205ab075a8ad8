package console

import (
	"strconv"
	"sync/atomic"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The canned-response picker of the composer: "/" at the start of the
// reply box, or the composer's button, opens a listbox of responses; the
// arrows move, Enter or Tab inserts, Escape closes. The keys are claimed
// synchronously (ui.DOMEvents.InterceptKeys) so that Enter inserts
// instead of sending.

// cannedState is the console's canned responses and the picker.
type cannedState struct {
	list    []Canned
	loaded  bool
	loading bool
	p       picker
	snap    atomic.Pointer[picker] // p as the keydown listener may read it
}

// loadCanned fetches the canned responses (again).
func (c *Console) loadCanned(ctx app.Context) {
	if c.canned.loading {
		return
	}
	c.canned.loading = true
	go func() {
		list, err := c.api.canned()
		ctx.Dispatch(func(ctx app.Context) {
			c.canned.loading = false
			if err == nil {
				c.canned.list, c.canned.loaded = list, true
				if c.canned.p.Open {
					c.showPicker(ctx, c.canned.p.Query)
				}
			}
		})
	}()
}

// pickerKeys claims the picker's keys in the browser's keydown.
func (c *Console) pickerKeys(target, key string) bool {
	p := c.canned.snap.Load()
	if p == nil || !p.Takes(target, key) {
		return false
	}
	c.dispatch(func(ctx app.Context) { c.pickerKey(ctx, key) })
	return true
}

func (c *Console) pickerKey(ctx app.Context, key string) {
	switch key {
	case "ArrowUp":
		c.canned.p.Move(-1)
	case "ArrowDown":
		c.canned.p.Move(1)
	case "Escape":
		c.closePicker(ctx, c.canned.p.Button)
		return
	case "Enter", "Tab":
		if cr, ok := c.canned.p.Chosen(); ok {
			c.insertCanned(ctx, cr)
			return
		}
	}
	c.pickerChanged(ctx)
}

// followSlash opens, refilters or closes the picker as the draft changes.
func (c *Console) followSlash(ctx app.Context) {
	if c.canned.p.Button {
		return
	}
	if q, ok := slashQuery(c.draft); ok {
		c.showPicker(ctx, q)
	} else if c.canned.p.Open {
		c.closePicker(ctx, false)
	}
}

// openPickerButton opens the picker with its own search box.
func (c *Console) openPickerButton(ctx app.Context) {
	if c.canned.p.Open {
		c.closePicker(ctx, true)
		return
	}
	caret := len(c.draft)
	if el := byID("composer"); el.Truthy() {
		c.draft, caret = el.Get("value").String(), el.Get("selectionStart").Int()
	}
	c.canned.p.Button, c.canned.p.Caret = true, caret
	c.showPicker(ctx, "")
	ctx.Defer(func(app.Context) { focus("canned-search") })
}

func (c *Console) showPicker(ctx app.Context, query string) {
	if !c.canned.loaded {
		c.loadCanned(ctx)
	}
	c.canned.p.Show(c.canned.list, query)
	c.pickerChanged(ctx)
}

func (c *Console) closePicker(ctx app.Context, refocus bool) {
	c.canned.p.Close()
	c.pickerChanged(ctx)
	if refocus {
		ctx.Defer(func(app.Context) { focus("composer") })
	}
}

// pickerChanged publishes the picker to the key listener and points the
// focused box's aria-activedescendant at the highlighted option.
func (c *Console) pickerChanged(ctx app.Context) {
	p := c.canned.p
	c.canned.snap.Store(&p)
	active := ""
	if p.Open && len(p.Items) > 0 {
		active = optionID(p.Active)
	}
	ctx.Defer(func(app.Context) {
		for _, id := range []string{"composer", "canned-search"} {
			if el := byID(id); el.Truthy() && active != "" {
				el.Call("setAttribute", "aria-activedescendant", active)
			} else if el.Truthy() {
				el.Call("removeAttribute", "aria-activedescendant")
			}
		}
		if el := byID(active); active != "" && el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

// insertCanned puts a response's body in the reply box: in place of the
// "/query", or at the caret when the button opened the picker.
func (c *Console) insertCanned(ctx app.Context, cr Canned) {
	caret := 0
	if c.canned.p.Button {
		c.draft, caret = insertAt(c.draft, cr.Body, c.canned.p.Caret)
	} else {
		c.draft, caret = cr.Body, utf16Len(cr.Body)
	}
	c.closePicker(ctx, false)
	draft := c.draft
	ctx.Defer(func(app.Context) {
		if el := byID("composer"); el.Truthy() {
			el.Set("value", draft)
			autosize(el)
			el.Call("focus")
			el.Call("setSelectionRange", caret, caret)
		}
	})
}

func optionID(i int) string { return "canned-opt-" + strconv.Itoa(i) }

// cannedButton opens the picker from the composer's foot.
func (c *Console) cannedButton() app.UI {
	return app.Button().ID("canned-open").Type("button").Class("icon-btn", "canned-btn").Title(c.t.CannedInsert).
		Aria("label", c.t.CannedInsert).Aria("haspopup", "listbox").Aria("expanded", c.canned.p.Open).
		Aria("controls", "canned-list").OnClick(func(ctx app.Context, e app.Event) { c.openPickerButton(ctx) }).Body(icon(pathBolt))
}

// cannedPicker draws the open picker above the reply box. Its slot is
// always there, so that opening it does not shift the composer's other
// children (go-app would replace the focused text box).
func (c *Console) cannedPicker() app.UI {
	p := c.canned.p
	return app.Div().Class("canned-slot").Body(app.If(p.Open, c.pickerBox))
}

func (c *Console) pickerBox() app.UI {
	p := c.canned.p
	return app.Div().ID("canned-picker").Class("canned-picker").Body(
		app.If(p.Button, func() app.UI {
			return app.Input().ID("canned-search").Type("search").Class("canned-search").Placeholder(c.t.CannedSearch).
				Aria("label", c.t.CannedSearch).Aria("controls", "canned-list").Attr("autocomplete", "off").Value(p.Query).
				OnInput(func(ctx app.Context, e app.Event) { c.showPicker(ctx, ctx.JSSrc().Get("value").String()) })
		}),
		app.Ul().ID("canned-list").Class("canned-list").Role("listbox").Aria("label", c.t.CannedTitle).Body(
			app.Range(p.Items).Slice(func(i int) app.UI { return c.cannedOption(i, p.Items[i], i == p.Active) }),
		),
		app.If(len(p.Items) == 0, func() app.UI {
			return app.P().Class("canned-empty").Text(c.cannedEmpty())
		}),
		app.P().Class("canned-keys").Aria("hidden", "true").Text(c.t.CannedKeys),
	)
}

func (c *Console) cannedEmpty() string {
	switch {
	case !c.canned.loaded:
		return c.t.Loading
	case len(c.canned.list) == 0:
		return c.t.CannedNone
	}
	return c.t.CannedNoMatch
}

func (c *Console) cannedOption(i int, cr Canned, active bool) app.UI {
	return app.Li().ID(optionID(i)).Class("canned-opt").Role("option").Aria("selected", active).
		OnMouseDown(func(ctx app.Context, e app.Event) { c.insertCanned(ctx, cr) }, app.EventScope(cr.ID)).Body(
		app.Span().Class("canned-short").Text("/"+cr.Shortcut),
		app.Span().Class("canned-title").Text(cr.Title),
		app.Span().Class("canned-body").Text(cr.Body),
	)
}
