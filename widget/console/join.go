package console

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Joining the team from an invite link: /console/#invite=TOKEN shows a
// "Join the team" card; the name comes filled in, the password is typed
// twice, and joining signs the new agent in.

// joinState is the join card's state.
type joinState struct {
	token   string
	email   string
	name    string
	dead    string // why the link no longer works; the form is hidden
	error   string
	pending bool
}

// inviteToken is the token of an invite link the console was opened at.
func inviteToken() string {
	hash := app.Window().Get("location").Get("hash").String()
	if tok, ok := strings.CutPrefix(hash, "#invite="); ok {
		return tok
	}
	return ""
}

// startJoin checks the invite link and shows the join card.
func (c *Console) startJoin(ctx app.Context, token string) {
	c.screen, c.join = screenJoin, joinState{token: token, pending: true}
	go func() {
		inv, err := c.api.checkInvite(token)
		ctx.Dispatch(func(ctx app.Context) {
			c.join.pending = false
			if err != nil {
				c.join.dead = c.inviteProblem(err)
				return
			}
			c.join.email, c.join.name = inv.Email, inv.Name
			ctx.Defer(func(app.Context) { focus("join-name") })
		})
	}()
}

// inviteProblem says why an invite link does not work.
func (c *Console) inviteProblem(err error) string {
	var code string
	if se, ok := err.(*statusError); ok {
		code = se.Code
	}
	switch code {
	case "invite_used":
		return c.t.InviteUsed
	case "invite_expired":
		return c.t.InviteExpired
	case "invite_unknown":
		return c.t.InviteUnknown
	}
	return c.t.Unavailable
}

func (c *Console) renderJoin() app.UI {
	j := c.join
	label := c.t.Join
	if j.pending {
		label = c.t.Loading
	}
	return app.Main().ID("console").Class("console", "signin-page").Body(
		app.Form().ID("join").Class("signin-card").Aria("labelledby", "join-title").Body(
			app.Div().Class("brand", "big").Body(logo(), app.Span().Text(c.t.Title)),
			app.H1().ID("join-title").Text(c.t.JoinTitle),
			app.If(j.dead != "", func() app.UI {
				return app.Div().Class("join-dead").Body(
					app.P().ID("join-error").Class("form-error").Role("alert").Text(j.dead),
					app.A().Href("/console/").Class("btn", "wide").Text(c.t.GoToSignIn),
				)
			}).Else(func() app.UI {
				return app.Div().Class("join-fields").Body(
					app.P().Class("intro").Text(fill(c.t.JoinIntro, j.email)),
					app.Label().For("join-name").Class("field").Body(app.Span().Text(c.t.Name),
						app.Input().ID("join-name").Name("name").Type("text").Attr("autocomplete", "name").Required(true).Value(j.name)),
					app.Label().For("join-password").Class("field").Body(app.Span().Text(c.t.NewPassword),
						app.Input().ID("join-password").Type("password").Attr("autocomplete", "new-password").Attr("minlength", 10).Required(true)),
					app.Label().For("join-again").Class("field").Body(app.Span().Text(c.t.RepeatPassword),
						app.Input().ID("join-again").Type("password").Attr("autocomplete", "new-password").Required(true)),
					app.If(j.error != "", func() app.UI {
						return app.P().ID("join-problem").Class("form-error").Role("alert").Text(j.error)
					}),
					app.Button().ID("join-submit").Type("submit").Class("btn", "primary", "wide").Disabled(j.pending).Text(label),
				)
			}),
		),
	)
}

// submitJoin accepts the invite and opens the inbox signed in.
func (c *Console) submitJoin(ctx app.Context) {
	j := &c.join
	if j.pending || j.dead != "" {
		return
	}
	name, password := strings.TrimSpace(value("join-name")), value("join-password")
	if password != value("join-again") {
		j.error = c.t.PasswordsDiffer
		return
	}
	j.pending, j.error, j.name = true, "", name
	go func() {
		s, err := c.api.acceptInvite(j.token, name, password)
		ctx.Dispatch(func(ctx app.Context) {
			j.pending = false
			switch code := httpStatus(err); {
			case err == nil && s.Agent != nil:
				app.Window().Get("history").Call("replaceState", nil, "", "/console/")
				c.start(ctx, s)
			case code == 404 || code == 410:
				j.dead = c.inviteProblem(err)
			default:
				j.error = problem(err, c.t.Unavailable)
			}
		})
	}()
}
