package visitor

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// Render draws the panel: header, connection banner, conversation (or the
// pre-chat form) and composer.
func (w *Widget) Render() app.UI {
	if w.m == nil {
		return app.Div().ID("parley-app")
	}
	color := w.m.Config.Color
	if !validColor(color) {
		color = "#4f46e5"
	}
	return app.Div().ID("parley-app").Class("panel").Lang(w.lang).Style("--accent", color).
		OnKeyDown(w.onKey).Body(
		w.header(),
		w.banner(),
		app.If(w.needsPrechat(), func() app.UI { return w.prechat() }).
			Else(func() app.UI { return w.conversation() }),
	)
}

func (w *Widget) header() app.UI {
	name := w.m.Config.SiteName
	status := w.t.Away
	if w.m.Presence.Online {
		status = fill(w.t.Online, replyTime(w.lang, w.m.Presence.ReplyTimeS))
	}
	return app.Header().Class("head").Body(
		app.Div().Class("avatar", "team").Aria("hidden", "true").Text(initial(name)),
		app.Div().Class("who").Body(
			app.H1().Class("title").Text(name),
			app.P().Class("presence").DataSet("online", w.m.Presence.Online).Body(
				app.Span().Class("dot").Aria("hidden", "true"), app.Text(status)),
		),
		app.If(w.bridge != nil && w.bridge.origin != "", func() app.UI {
			return app.Button().Class("icon", "close").Aria("label", w.t.Close).Title(w.t.Close).
				OnClick(func(ctx app.Context, e app.Event) { w.close() }).Body(app.Raw(iconClose))
		}),
	)
}

func (w *Widget) banner() app.UI {
	var text string
	switch w.m.Link {
	case LinkConnecting:
		text = w.t.Connecting
	case LinkReconnecting:
		text = w.t.Reconnecting
	case LinkBackOnline:
		text = w.t.BackOnline
	case LinkUnavailable:
		text = w.t.Unavailable
	}
	return app.Div().ID("banner").Class("banner").DataSet("state", string(w.m.Link)).
		Aria("live", "polite").Aria("hidden", text == "").Text(text)
}

func (w *Widget) close() {
	w.m.Open = false
	w.bridge.post("close", nil)
}

// onKey closes the panel on Escape.
func (w *Widget) onKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Escape" && w.bridge.origin != "" {
		w.close()
	}
}

func initial(name string) string {
	for _, r := range strings.TrimSpace(name) {
		return strings.ToUpper(string(r))
	}
	return "?"
}

// validColor accepts #rgb and #rrggbb only, so a site setting can never
// inject CSS.
func validColor(c string) bool {
	if len(c) != 4 && len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, r := range c[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

func (w *Widget) needsPrechat() bool {
	return w.m.Config.PreChatForm && w.who.Email == "" && w.m.Conv == "" && len(w.m.Items) == 0
}

// authorName is how a message's author is shown.
func (w *Widget) authorName(a protocol.Author) string {
	if a.Name != "" {
		return a.Name
	}
	return w.m.Config.SiteName
}

const iconClose = `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`
const iconSend = `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M4 12l16-8-6 16-2.5-6.5z" fill="currentColor"/></svg>`
const iconSmile = `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M8.5 14.5c1.8 2 5.2 2 7 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/><circle cx="9" cy="10" r="1.2" fill="currentColor"/><circle cx="15" cy="10" r="1.2" fill="currentColor"/></svg>`
