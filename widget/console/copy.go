package console

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Copying secrets and the embed snippet to the clipboard, with "Copied"
// on the button for a moment.

// copyText copies text with navigator.clipboard; where the browser
// refuses, it selects the text in the element with id src for Ctrl+C.
func (c *Console) copyText(ctx app.Context, button, src, text string) {
	s := c.set
	go func() {
		ok := false
		if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() {
			_, err := await(cb.Call("writeText", text))
			ok = err == nil
		}
		ctx.Dispatch(func(ctx app.Context) {
			if c.set != s {
				return
			}
			if !ok {
				s.err = c.t.CopyFailed
				selectText(src)
				return
			}
			s.copied, s.err = button, ""
			ctx.After(2e9, func(app.Context) {
				if s.copied == button {
					s.copied = ""
				}
			})
		})
	}()
}

// selectText selects the contents of the element with this id.
func selectText(id string) {
	el := byID(id)
	if !el.Truthy() {
		return
	}
	if el.Get("select").Truthy() {
		el.Call("select")
		return
	}
	r := app.Window().Get("document").Call("createRange")
	r.Call("selectNodeContents", el)
	sel := app.Window().Call("getSelection")
	sel.Call("removeAllRanges")
	sel.Call("addRange", r)
}

// copyButton copies text (shown in the element with id src).
func (c *Console) copyButton(id, src, text string) app.UI {
	label := c.t.Copy
	if c.set.copied == id {
		label = c.t.Copied
	}
	return app.Button().ID(id).Type("button").Class("btn", "copy-btn").DataSet("copied", c.set.copied == id).
		OnClick(func(ctx app.Context, e app.Event) { c.copyText(ctx, id, src, text) }, app.EventScope(id+text)).Body(
		icon(map[bool]string{true: pathCheck, false: pathCopy}[c.set.copied == id]),
		app.Span().Aria("live", "polite").Text(label),
	)
}

// secretBox shows something the server shows once, with a Copy button.
func (c *Console) secretBox(id, note, text string) app.UI {
	return app.Div().Class("card", "secret").Role("status").Body(
		app.P().Class("secret-note").Text(note),
		app.Div().Class("row").Body(
			app.Code().ID(id).Class("secret-text").Text(text),
			c.copyButton(id+"-copy", id, text),
		),
	)
}
