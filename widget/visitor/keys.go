package visitor

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// onSubmit handles the widget's forms by id.
func (w *Widget) onSubmit(ctx app.Context, id string, v map[string]string) {
	switch id {
	case "composer-form":
		w.send(ctx)
	case "prechat":
		w.submitPrechat(ctx, v["name"], v["email"])
	case "away":
		w.submitAway(v["email"])
	}
}
