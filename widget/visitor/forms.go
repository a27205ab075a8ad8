package visitor

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// prechat asks for a name and email before the first message, when the
// site switched the form on.
func (w *Widget) prechat() app.UI {
	return app.Form().ID("prechat").Class("prechat").Role("main").Body(
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
	return app.Form().ID("away").Class("away").Body(
		app.P().Text(w.t.AwayNote),
		app.Div().Class("inline").Body(
			app.Label().For("away-email").Class("sr-only").Text(w.t.EmailForReply),
			app.Input().ID("away-email").Name("email").Type("email").Attr("autocomplete", "email").Placeholder(w.t.EmailForReply).
				Required(true),
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

// submitPrechat saves the pre-chat details (the browser has validated them).
func (w *Widget) submitPrechat(ctx app.Context, name, email string) {
	name, email = strings.TrimSpace(name), strings.TrimSpace(email)
	if !plausibleEmail(email) {
		return
	}
	w.identify(map[string]string{"name": name, "email": email}) // a verified user_id and hash stay
	ctx.Defer(func(app.Context) { focus("composer") })
}

// submitAway saves the email an away visitor wants the reply sent to.
func (w *Widget) submitAway(email string) {
	if email = strings.TrimSpace(email); plausibleEmail(email) {
		w.identify(map[string]string{"email": email})
	}
}
