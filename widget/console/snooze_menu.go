package console

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// statusSnooze is the status menu's "Snooze until…" choice: it opens the
// snooze popup rather than being a status.
const statusSnooze = "snooze…"

// onStatus applies the status menu's choice.
func (c *Console) onStatus(ctx app.Context, value string) {
	if value != statusSnooze {
		c.update(ctx, map[string]any{"status": value})
		return
	}
	if cv := c.m.Conv(c.m.Thread.Conv); cv != nil {
		ctx.JSSrc().Set("value", cv.Status) // the select shows the status until a time is picked
	}
	c.p.menu, c.p.tagBad = menuSnooze, false
	ctx.Defer(func(app.Context) { focusMenuItem(0, false) })
}

// snoozeMenu offers when a snooze ends: three presets and a time of the
// agent's choosing.
func (c *Console) snoozeMenu() app.UI {
	presets := SnoozePresets(time.Now())
	names := map[string]string{"hour": c.t.InAnHour, "tomorrow": c.t.TomorrowMorning, "monday": c.t.NextMonday}
	return app.Div().ID("snooze-menu").Class("menu", "snooze-menu").Role("dialog").Aria("label", c.t.SnoozeMenu).
		OnKeyDown(func(ctx app.Context, e app.Event) {
			if e.Get("key").String() == "Escape" {
				c.closeMenu(ctx)
			}
		}).Body(
		app.P().Class("menu-title").Text(c.t.SnoozeMenu),
		app.Ul().Role("menu").Aria("label", c.t.SnoozeMenu).OnKeyDown(c.menuKeys).Body(
			app.Range(presets).Slice(func(i int) app.UI {
				p := presets[i]
				return app.Li().Role("none").Body(
					app.Button().Type("button").Role("menuitem").TabIndex(-1).Class("menu-item").DataSet("preset", p.Key).
						OnClick(func(ctx app.Context, e app.Event) { c.snooze(ctx, p.At) }, app.EventScope(p.Key)).Body(
						app.Span().Text(names[p.Key]),
						app.Span().Class("menu-hint").Text(shortWhen(p.At, time.Now(), c.t)),
					),
				)
			}),
		),
		app.Div().Class("snooze-custom").Body(
			app.Label().For("snooze-at").Text(c.t.CustomTime),
			app.Div().Class("snooze-row").Body(
				app.Input().ID("snooze-at").Type("datetime-local").Min(time.Now().Format(localInput)).
					Aria("describedby", "snooze-error"),
				app.Button().ID("snooze-go").Type("button").Class("btn", "primary").Text(c.t.SnoozeAction).
					OnClick(func(ctx app.Context, e app.Event) { c.snoozeCustom(ctx) }),
			),
			app.If(c.p.tagBad, func() app.UI { return app.P().ID("snooze-error").Class("tag-error").Role("alert").Text(c.t.BadSnooze) }),
		),
	)
}

// snoozeCustom snoozes until the time typed in the datetime-local input.
func (c *Console) snoozeCustom(ctx app.Context) {
	v := ""
	if el := byID("snooze-at"); el.Truthy() {
		v = el.Get("value").String()
	}
	at, ok := ParseSnooze(v, time.Now(), time.Local)
	if !ok {
		c.p.tagBad = true // the popup's error line (the tag input is not in use meanwhile)
		return
	}
	c.snooze(ctx, at)
}

// snooze sets the open conversation snoozed until at.
func (c *Console) snooze(ctx app.Context, at time.Time) {
	c.p.tagBad = false
	c.closeMenu(ctx)
	c.update(ctx, map[string]any{"status": protocol.StatusSnoozed, "snoozed_until": at.UTC().Format(time.RFC3339)})
}

// shortWhen is a preset's time: the clock today, else a short day and the
// clock.
func shortWhen(t, now time.Time, tx *texts) string {
	if sameDay(t, now) {
		return clock(t)
	}
	return t.Local().Format(tx.ShortDayFormat) + " " + clock(t)
}
