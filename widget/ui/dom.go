package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// go-app runs event handlers later, on its UI goroutine, so PreventDefault
// there comes too late: Enter would already have inserted a line break and
// a submit would already have navigated the page. DOMEvents' listeners run
// synchronously in the browser, cancel the default, and hand the work to
// the UI goroutine.

// DOMEvents holds the listeners ListenDOM installed.
type DOMEvents struct {
	keydown, beforeinput, submit app.Func
	enter                        bool // a plain Enter is down in the composer
	intercept                    func(target, key string) bool
}

// InterceptKeys lets fn claim a key first: it runs synchronously in the
// browser's keydown with the target's id and the key, and a true return
// cancels the key's default and skips onEnter (a picker taking Enter).
// fn must only read state that the UI goroutine keeps ready for it and
// hand any work to ctx.Dispatch.
func (d *DOMEvents) InterceptKeys(fn func(target, key string) bool) { d.intercept = fn }

// ListenDOM makes a plain Enter in the textarea with id composer call
// onEnter (Shift+Enter still breaks the line), and a submitted form call
// onSubmit with the form's id and the values of the named fields.
func ListenDOM(ctx app.Context, composer string, fields []string,
	onEnter func(app.Context), onSubmit func(ctx app.Context, form string, values map[string]string)) *DOMEvents {
	d := &DOMEvents{}
	d.keydown = app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		d.enter = false
		if d.intercept != nil && d.intercept(e.Get("target").Get("id").String(), e.Get("key").String()) {
			d.enter = e.Get("key").String() == "Enter"
			e.Call("preventDefault")
			return nil
		}
		if e.Get("key").String() != "Enter" || e.Get("shiftKey").Bool() || e.Get("isComposing").Bool() ||
			e.Get("target").Get("id").String() != composer {
			return nil
		}
		d.enter = true
		e.Call("preventDefault")
		ctx.Dispatch(onEnter)
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
		id, values := form.Get("id").String(), map[string]string{}
		for _, name := range fields {
			if el := form.Get("elements").Get(name); el.Truthy() {
				values[name] = el.Get("value").String()
			}
		}
		ctx.Dispatch(func(ctx app.Context) { onSubmit(ctx, id, values) })
		return nil
	})
	doc := app.Window().Get("document")
	doc.Call("addEventListener", "keydown", d.keydown, true)
	doc.Call("addEventListener", "beforeinput", d.beforeinput, true)
	doc.Call("addEventListener", "submit", d.submit, true)
	return d
}

// Release removes the listeners.
func (d *DOMEvents) Release() {
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

// Body renders message text as text nodes and safe links, never as HTML.
func Body(text string) []app.UI {
	segs := Linkify(text)
	out := make([]app.UI, 0, len(segs))
	for _, s := range segs {
		if s.Href == "" {
			out = append(out, app.Text(s.Text))
			continue
		}
		out = append(out, app.A().Href(s.Href).Target("_blank").Rel("noopener noreferrer nofollow").Text(s.Text))
	}
	return out
}
