package console

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// go-app runs event handlers later, on its UI goroutine, so PreventDefault
// there comes too late: Enter would already have inserted a line break and
// a submit would already have reloaded the page. These listeners run
// synchronously in the browser, cancel the default, and hand the work to
// the UI goroutine.

type domEvents struct {
	keydown, beforeinput, submit app.Func
	enter                        bool // a plain Enter is down in the composer
}

func (c *Console) listenDOM(ctx app.Context) *domEvents {
	doc := app.Window().Get("document")
	d := &domEvents{}
	d.keydown = app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		d.enter = false
		if e.Get("key").String() != "Enter" || e.Get("shiftKey").Bool() || e.Get("isComposing").Bool() ||
			e.Get("target").Get("id").String() != "composer" {
			return nil
		}
		d.enter = true
		e.Call("preventDefault")
		ctx.Dispatch(func(ctx app.Context) { c.send(ctx) })
		return nil
	})
	// Some input paths (synthetic key events, some IMEs) still deliver the
	// line break after a cancelled keydown; cancel it here as well.
	d.beforeinput = app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		if d.enter && (e.Get("inputType").String() == "insertLineBreak" || e.Get("data").String() == "\r") {
			e.Call("preventDefault")
		}
		d.enter = false
		return nil
	})
	d.submit = app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		e.Call("preventDefault")
		form := e.Get("target")
		id := form.Get("id").String()
		values := map[string]string{}
		for _, name := range []string{"email", "password"} {
			if el := form.Get("elements").Get(name); el.Truthy() {
				values[name] = el.Get("value").String()
			}
		}
		ctx.Dispatch(func(ctx app.Context) { c.onSubmit(ctx, id, values) })
		return nil
	})
	doc.Call("addEventListener", "keydown", d.keydown, true)
	doc.Call("addEventListener", "beforeinput", d.beforeinput, true)
	doc.Call("addEventListener", "submit", d.submit, true)
	return d
}

func (d *domEvents) release() {
	if d == nil {
		return
	}
	doc := app.Window().Get("document")
	doc.Call("removeEventListener", "keydown", d.keydown, true)
	doc.Call("removeEventListener", "beforeinput", d.beforeinput, true)
	doc.Call("removeEventListener", "submit", d.submit, true)
	d.keydown.Release()
	d.beforeinput.Release()
	d.submit.Release()
}

// onSubmit handles the console's forms by id.
func (c *Console) onSubmit(ctx app.Context, id string, v map[string]string) {
	switch id {
	case "signin":
		c.submitSignIn(ctx, v["email"], v["password"])
	case "composer-form":
		c.send(ctx)
	}
}
