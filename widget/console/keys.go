package console

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// onSubmit handles the console's forms by id.
func (c *Console) onSubmit(ctx app.Context, id string, v map[string]string) {
	switch id {
	case "signin":
		c.submitSignIn(ctx, v["email"], v["password"])
	case "composer-form":
		c.send(ctx)
	case "join":
		c.submitJoin(ctx)
	default:
		c.settingsSubmit(ctx, id)
	}
}
