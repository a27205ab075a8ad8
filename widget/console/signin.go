package console

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderSignIn draws the sign-in card, centred on the page.
func (c *Console) renderSignIn() app.UI {
	s := c.signIn
	label := c.t.SignIn
	if s.pending {
		label = c.t.SigningIn
	}
	return app.Main().ID("console").Class("console", "signin-page").Body(
		app.Form().ID("signin").Class("signin-card").Aria("labelledby", "signin-title").Body(
			app.Div().Class("brand", "big").Body(logo(), app.Span().Text(c.t.Title)),
			app.H1().ID("signin-title").Text(c.t.SignInTitle),
			app.P().Class("intro").Text(c.t.SignInIntro),
			app.Label().For("email").Class("field").Body(
				app.Span().Text(c.t.Email),
				app.Input().ID("email").Name("email").Type("email").Attr("autocomplete", "username").Required(true).
					Value(s.email).AutoFocus(true),
			),
			app.Label().For("password").Class("field").Body(
				app.Span().Text(c.t.Password),
				app.Input().ID("password").Name("password").Type("password").Attr("autocomplete", "current-password").Required(true),
			),
			app.If(s.error != "", func() app.UI {
				return app.P().ID("signin-error").Class("form-error").Role("alert").Text(s.error)
			}),
			app.Button().ID("signin-submit").Type("submit").Class("btn", "primary", "wide").Disabled(s.pending).Text(label),
		),
	)
}

// submitSignIn signs in with what the form holds.
func (c *Console) submitSignIn(ctx app.Context, email, password string) {
	if c.signIn.pending || c.screen != screenSignIn {
		return
	}
	email = strings.TrimSpace(email)
	c.signIn = signInState{email: email, pending: true}
	go func() {
		s, err := c.api.login(email, password)
		ctx.Dispatch(func(ctx app.Context) {
			c.signIn.pending = false
			switch {
			case err == nil && s.Agent != nil:
				c.start(ctx, s)
			case httpStatus(err) == statusUnauthorized:
				c.signIn.error = c.t.WrongPassword
			case httpStatus(err) == statusTooManyRequests:
				c.signIn.error = c.t.Throttled
			default:
				c.signIn.error = c.t.Unavailable
			}
			if c.screen == screenSignIn {
				ctx.Defer(func(app.Context) { focus("password"); clearValue("password") })
			}
		})
	}()
}

// signOut ends the session on the server, which closes its sockets, and
// shows the sign-in screen.
func (c *Console) signOut(ctx app.Context) {
	a := &api{csrf: c.api.csrf}
	c.signedOut(ctx, "")
	go func() { _ = a.logout() }()
}
