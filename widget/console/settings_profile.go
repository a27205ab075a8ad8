package console

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The Profile and API tokens sections, which every agent has.

func (c *Console) profileSection() app.UI {
	return app.Div().Class("settings-cards").Body(
		app.Form().ID("profile-form").Class("card").Aria("labelledby", "profile-h").Body(
			app.H3().ID("profile-h").Text(c.t.YourName),
			textField("profile-name", c.t.Name, c.m.Me.Name, "name", true),
			field(c.t.Email, app.Input().ID("profile-email").Type("email").Value(c.m.Me.Email).ReadOnly(true)),
			app.Div().Class("card-foot").Body(app.Button().ID("profile-save").Type("submit").Class("btn", "primary").Disabled(c.set.busy).Text(c.t.Save)),
		),
		app.Form().ID("password-form").Class("card").Aria("labelledby", "password-h").Body(
			app.H3().ID("password-h").Text(c.t.ChangePassword),
			passwordField("pw-current", c.t.CurrentPassword, "current-password"),
			passwordField("pw-new", c.t.NewPassword, "new-password"),
			passwordField("pw-again", c.t.RepeatPassword, "new-password"),
			app.Div().Class("card-foot").Body(app.Button().ID("password-save").Type("submit").Class("btn", "primary").Disabled(c.set.busy).Text(c.t.ChangePassword)),
		),
	)
}

func (c *Console) submitProfile(ctx app.Context) {
	name := strings.TrimSpace(value("profile-name"))
	c.settingsDo(ctx, func() error { return c.api.rename(name) }, func(app.Context) {
		c.m.Me.Name, c.set.ok = name, c.t.Saved
	})
}

func (c *Console) submitPassword(ctx app.Context) {
	current, next := value("pw-current"), value("pw-new")
	if next != value("pw-again") {
		c.set.err, c.set.ok = c.t.PasswordsDiffer, ""
		return
	}
	c.settingsDo(ctx, func() error { return c.api.changePassword(current, next) }, func(app.Context) {
		c.set.ok = c.t.PasswordChanged
		for _, id := range []string{"pw-current", "pw-new", "pw-again"} {
			clearValue(id)
		}
	})
}

func (c *Console) tokensSection() app.UI {
	s := c.set
	return app.Div().Class("settings-cards").Body(
		app.Div().Class("secret-slot").Body(app.If(s.secret != "", func() app.UI { return c.secretBox("token-secret", c.t.TokenShownOnce, s.secret) })),
		app.Form().ID("token-form").Class("card", "inline-form").Aria("labelledby", "token-h").Body(
			app.H3().ID("token-h").Text(c.t.NewToken),
			app.Div().Class("row").Body(
				textField("token-name", c.t.TokenName, "", "off", true),
				app.Button().ID("token-create").Type("submit").Class("btn", "primary").Disabled(s.busy).Text(c.t.Create),
			),
		),
		app.Div().Class("card", "table-card").Body(
			app.Table().ID("tokens").Class("table").Body(
				app.THead().Body(app.Tr().Body(app.Th().Text(c.t.Name), app.Th().Text(c.t.Created), app.Th().Text(c.t.Status), app.Th().Body(app.Span().Class("sr-only").Text(c.t.Actions)))),
				app.TBody().Body(app.Range(s.tokens).Slice(func(i int) app.UI { return c.tokenRow(s.tokens[i]) })),
			),
			app.If(len(s.tokens) == 0, func() app.UI { return app.P().Class("table-empty").Text(c.t.NoTokens) }),
		),
	)
}

func (c *Console) tokenRow(t TokenInfo) app.UI {
	revoked := t.RevokedAt != nil
	state := c.t.Active
	if revoked {
		state = c.t.Revoked
	}
	return app.Tr().DataSet("token", t.ID).Body(
		app.Td().Class("strong").Text(t.Name),
		app.Td().Text(t.CreatedAt.Local().Format(c.t.YearFormat)),
		app.Td().Body(app.Span().Class("pill").DataSet("state", map[bool]string{true: "off", false: "on"}[revoked]).Text(state)),
		app.Td().Class("cell-actions").Body(app.If(!revoked, func() app.UI {
			return app.Button().Type("button").Class("btn", "quiet", "danger").Aria("label", c.t.Revoke+" "+t.Name).
				OnClick(func(ctx app.Context, e app.Event) { c.revokeToken(ctx, t.ID) }, app.EventScope(t.ID)).Text(c.t.Revoke)
		})),
	)
}

func (c *Console) submitToken(ctx app.Context) {
	name := strings.TrimSpace(value("token-name"))
	var secret string
	c.settingsDo(ctx, func() (err error) { secret, err = c.api.createToken(name); return err }, func(ctx app.Context) {
		clearValue("token-name")
		c.loadTokens(ctx)
		c.set.secret = secret
	})
}

func (c *Console) revokeToken(ctx app.Context, id string) {
	c.settingsDo(ctx, func() error { return c.api.revokeToken(id) }, func(ctx app.Context) { c.loadTokens(ctx) })
}

// textField is a labelled text input.
func textField(id, label, val, autocomplete string, required bool) app.UI {
	return field(label, app.Input().ID(id).Name(id).Type("text").Value(val).Attr("autocomplete", autocomplete).Required(required))
}

func passwordField(id, label, autocomplete string) app.UI {
	return field(label, app.Input().ID(id).Name(id).Type("password").Attr("autocomplete", autocomplete).Required(true).Attr("minlength", 10))
}

// field wraps a control in its label.
func field(label string, control app.UI) app.UI {
	return app.Label().Class("field").Body(app.Span().Text(label), control)
}
