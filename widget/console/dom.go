package console

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Small DOM helpers for what go-app does not model: focus, scrolling and
// resetting a text box's value after sending.

func byID(id string) app.Value { return app.Window().GetElementByID(id) }

func focus(id string) {
	if el := byID(id); el.Truthy() {
		el.Call("focus")
	}
}

func clearValue(id string) {
	if el := byID(id); el.Truthy() {
		el.Set("value", "")
	}
}

// scrollToEnd shows the newest message.
func scrollToEnd() {
	if el := byID("messages"); el.Truthy() {
		el.Set("scrollTop", el.Get("scrollHeight"))
	}
}

// nearEnd reports whether the message list is scrolled to (or near) its
// end, so that a new message may scroll it without yanking an agent who is
// reading older ones.
func nearEnd() bool {
	el := byID("messages")
	if !el.Truthy() {
		return true
	}
	return el.Get("scrollHeight").Int()-el.Get("scrollTop").Int()-el.Get("clientHeight").Int() < 80
}

// scrollHeight is the message list's content height, 0 when not shown.
func scrollHeight() int {
	if el := byID("messages"); el.Truthy() {
		return el.Get("scrollHeight").Int()
	}
	return 0
}

// keepPosition keeps the messages in view still after older ones were
// inserted above them: the list grew from oldHeight.
func keepPosition(oldHeight int) {
	if el := byID("messages"); el.Truthy() {
		el.Set("scrollTop", el.Get("scrollTop").Int()+el.Get("scrollHeight").Int()-oldHeight)
	}
}

// autosize grows the text box with its content, up to the CSS max-height.
func autosize(el app.Value) {
	el.Get("style").Set("height", "auto")
	el.Get("style").Set("height", el.Get("scrollHeight").String()+"px")
}

// hidden reports whether the console's tab is in the background.
func hidden() bool { return app.Window().Get("document").Get("hidden").Bool() }

// browserTexts picks the console's language from navigator.languages and
// sets <html lang> to match.
func browserTexts() *texts {
	nav := app.Window().Get("navigator")
	var langs []string
	if l := nav.Get("languages"); l.Truthy() {
		for i := range l.Length() {
			langs = append(langs, l.Index(i).String())
		}
	} else if l := nav.Get("language"); l.Truthy() {
		langs = append(langs, l.String())
	}
	t := textsFor(langs)
	app.Window().Get("document").Get("documentElement").Set("lang", t.Lang)
	return t
}
