package console

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The Team section (owners and admins): every agent with their role and
// whether they may sign in, and the invite form. The server enforces who
// may change whom; the console only hides what would be refused.

var roles = []string{"agent", "admin", "owner"}

func (c *Console) teamSection() app.UI {
	s := c.set
	return app.Div().Class("settings-cards").Body(
		app.Div().Class("secret-slot").Body(app.If(s.secret != "", func() app.UI {
			note := c.t.InviteLinkOnce
			if !strings.Contains(s.secret, "#invite=") {
				note = c.t.InvitePasswordOnce
			}
			return c.secretBox("invite-secret", note, s.secret)
		})),
		app.Div().Class("card", "table-card").Body(
			app.Table().ID("team").Class("table").Body(
				app.THead().Body(app.Tr().Body(app.Th().Text(c.t.Name), app.Th().Text(c.t.Role), app.Th().Text(c.t.Status), app.Th().Body(app.Span().Class("sr-only").Text(c.t.Actions)))),
				app.TBody().Body(app.Range(s.team).Slice(func(i int) app.UI { return c.agentRow(s.team[i]) })),
			),
		),
		c.inviteForm(),
	)
}

// mayChange reports whether the signed-in agent may change a teammate
// with this role: only owners change owners.
func (c *Console) mayChange(role string) bool { return role != "owner" || c.m.Me.Role == "owner" }

func (c *Console) agentRow(a Teammate) app.UI {
	state, stateKey := c.t.Enabled, "on"
	if a.Disabled {
		state, stateKey = c.t.Disabled, "off"
	}
	toggle := c.t.Disable
	if a.Disabled {
		toggle = c.t.Enable
	}
	may := c.mayChange(a.Role)
	return app.Tr().DataSet("agent", a.ID).Body(
		app.Td().Body(app.Div().Class("who-cell").Body(
			app.Span().Class("avatar", "small").Aria("hidden", "true").Text(initial(a.Name)),
			app.Div().Body(app.P().Class("strong").Text(a.Name), app.P().Class("sub").Text(a.Email)),
		)),
		app.Td().Body(app.Select().ID("role-"+a.ID).Class("role-select").Aria("label", c.t.Role+" "+a.Name).Disabled(!may).
			OnChange(func(ctx app.Context, e app.Event) {
				c.changeAgent(ctx, a, map[string]any{"role": ctx.JSSrc().Get("value").String()})
			}, app.EventScope(a.ID+a.Role)).Body(
			app.Range(roles).Slice(func(i int) app.UI {
				return app.Option().Value(roles[i]).Selected(roles[i] == a.Role).Disabled(roles[i] == "owner" && c.m.Me.Role != "owner").Text(c.roleName(roles[i]))
			}),
		)),
		app.Td().Body(app.Span().Class("pill").DataSet("state", stateKey).Text(state)),
		app.Td().Class("cell-actions").Body(app.If(may && a.ID != c.m.Me.ID, func() app.UI {
			return app.Button().Type("button").Class("btn", "quiet").DataSet("toggle", a.ID).Aria("label", toggle+" "+a.Name).
				OnClick(func(ctx app.Context, e app.Event) {
					c.changeAgent(ctx, a, map[string]any{"disabled": !a.Disabled})
				}, app.EventScope(a.ID+toggle)).Text(toggle)
		})),
	)
}

func (c *Console) roleName(r string) string {
	return map[string]string{"agent": c.t.RoleAgent, "admin": c.t.RoleAdmin, "owner": c.t.RoleOwner}[r]
}

// changeAgent asks the server for a change; a refusal is shown, and the
// role menu goes back to the role the agent really has.
func (c *Console) changeAgent(ctx app.Context, a Teammate, change map[string]any) {
	s := c.set
	s.err, s.ok, s.busy = "", "", true
	go func() {
		err := c.api.patchAgent(a.ID, change)
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = problem(err, c.t.Unavailable)
				if el := byID("role-" + a.ID); el.Truthy() {
					el.Set("value", a.Role)
				}
			}
			if c.set == s {
				c.fetchTeam(ctx)
			}
		})
	}()
}

func (c *Console) inviteForm() app.UI {
	return app.Form().ID("invite-form").Class("card").Aria("labelledby", "invite-h").Body(
		app.H3().ID("invite-h").Text(c.t.Invite),
		app.Div().Class("grid2").Body(
			field(c.t.Email, app.Input().ID("invite-email").Name("invite-email").Type("email").Attr("autocomplete", "off").Required(true)),
			textField("invite-name", c.t.Name, "", "off", false),
		),
		field(c.t.Role, app.Select().ID("invite-role").Body(
			app.Range(roles).Slice(func(i int) app.UI {
				return app.Option().Value(roles[i]).Disabled(roles[i] == "owner" && c.m.Me.Role != "owner").Text(c.roleName(roles[i]))
			}),
		)),
		app.FieldSet().Class("field").Body(
			app.Legend().Text(c.t.InviteHow),
			app.Div().Class("choices").Body(
				radio("invite-link", "invite-mode", c.t.InviteByLink, true),
				radio("invite-password", "invite-mode", c.t.InviteByPassword, false),
			),
		),
		app.Div().Class("card-foot").Body(app.Button().ID("invite-send").Type("submit").Class("btn", "primary").Disabled(c.set.busy).Text(c.t.Invite)),
	)
}

func (c *Console) submitInvite(ctx app.Context) {
	email, name, role, mode := value("invite-email"), value("invite-name"), value("invite-role"), "link"
	if checked("invite-password") {
		mode = "password"
	}
	var res InviteResult
	c.settingsDo(ctx, func() (err error) { res, err = c.api.invite(email, name, role, mode); return err }, func(ctx app.Context) {
		clearValue("invite-email")
		clearValue("invite-name")
		c.fetchTeam(ctx)
		if res.Link != "" {
			c.set.secret = origin() + res.Link
		} else {
			c.set.secret = res.Password
		}
	})
}
