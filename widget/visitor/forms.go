package visitor

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// prechat asks for a name and email before the first message, when the
// site switched the form on.
func (w *Widget) prechat() app.UI {
	return app.Form().Class("prechat").OnSubmit(func(ctx app.Context, e app.Event) {
		e.PreventDefault()
		form := ctx.JSSrc()
		name := strings.TrimSpace(form.Get("elements").Get("name").Get("value").String())
		email := strings.TrimSpace(form.Get("elements").Get("email").Get("value").String())
		if !plausibleEmail(email) {
			return // the browser's own type=email validation explains it
		}
		w.identify(map[string]string{"name": name, "email": email})
		ctx.Defer(func(app.Context) { focus("composer") })
	}).Body(
		app.H2().Text(w.t.PrechatTitle),
		app.P().Text(w.t.PrechatIntro),
		field("name", w.t.Name, "text", "name", w.who.Name, false),
		field("email", w.t.Email, "email", "email", w.who.Email, true),
		app.Button().Type("submit").Class("primary").Text(w.t.Start),
	)
}

func field(id, label, typ, autocomplete, value string, required bool) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For("pc-"+id).Text(label),
		app.Input().ID("pc-"+id).Name(id).Type(typ).Attr("autocomplete", autocomplete).Value(value).Required(required),
	)
}

// awayNote invites a visitor to leave an email while no agent is online.
func (w *Widget) awayNote() app.UI {
	if w.m.Presence.Online || w.m.Link == LinkConnecting {
		return nil
	}
	if w.who.Email != "" {
		return app.P().Class("away").Text(fill(w.t.Saved, w.who.Email))
	}
	return app.Form().Class("away").OnSubmit(func(ctx app.Context, e app.Event) {
		e.PreventDefault()
		email := strings.TrimSpace(w.email)
		if !plausibleEmail(email) {
			return
		}
		w.identify(map[string]string{"name": w.who.Name, "email": email, "user_id": w.who.UserID, "hash": w.who.Hash})
	}).Body(
		app.P().Text(w.t.AwayNote),
		app.Div().Class("inline").Body(
			app.Label().For("away-email").Class("sr-only").Text(w.t.EmailForReply),
			app.Input().ID("away-email").Type("email").Attr("autocomplete", "email").Placeholder(w.t.EmailForReply).
				Required(true).Value(w.email).OnInput(func(ctx app.Context, e app.Event) { w.email = ctx.JSSrc().Get("value").String() }),
			app.Button().Type("submit").Class("secondary").Text(w.t.Save),
		),
	)
}

// plausibleEmail is a light check; the input's type=email does the real
// validation in the browser (net/mail would add to the WebAssembly size).
func plausibleEmail(s string) bool {
	at := strings.LastIndex(s, "@")
	return at > 0 && strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " <>")
}
