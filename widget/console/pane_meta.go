package console

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// update changes the open conversation through the console API; the
// socket's status frame tells every agent, and the answer confirms it
// here at once unless a frame came first (see ApplyDetail). The answer
// goes through the root's dispatch: menu items and tag chips that start a
// change are gone when it arrives, and go-app drops what is dispatched to
// a removed element's context.
func (c *Console) update(ctx app.Context, change map[string]any) {
	if c.busy || c.m.Thread == nil {
		return
	}
	c.busy, c.notice = true, ""
	a, conv := c.api, c.m.Thread.Conv
	mark := c.m.StateMark(conv)
	go func() {
		d, err := a.update(conv, change)
		c.dispatch(func(ctx app.Context) {
			c.busy = false
			switch {
			case c.m == nil:
			case err == nil:
				c.m.ApplyDetail(d, mark)
			case httpStatus(err) == statusUnauthorized:
				c.signedOut(ctx, c.t.SessionEnded)
			default:
				c.notice = c.t.ActionFailed
			}
		})
	}()
}

// paneMeta is the bar under the header: priority, tags, and when a snooze
// ends.
func (c *Console) paneMeta(cv *Conv) app.UI {
	prio := PriorityOf(cv)
	tags := cv.Tags
	return app.Div().Class("pane-meta").Body(
		app.Div().Class("priority").DataSet("priority", prio).Body(
			app.Label().For("priority").Class("sr-only").Text(c.t.Priority),
			app.Select().ID("priority").Disabled(c.busy).
				OnChange(func(ctx app.Context, e app.Event) {
					c.update(ctx, map[string]any{"priority": ctx.JSSrc().Get("value").String()})
				}).Body(
				app.Range(Priorities).Slice(func(i int) app.UI {
					p := Priorities[i]
					return app.Option().Value(p).Selected(p == prio).Text(c.priorityName(p))
				}),
			),
		),
		app.Ul().Class("tags").Aria("label", c.t.Tags).Body(
			app.Range(tags).Slice(func(i int) app.UI {
				tag := tags[i]
				return app.Li().Class("tag").DataSet("tag", tag).Body(
					app.Span().Text(tag),
					app.Button().Type("button").Class("tag-x").Aria("label", fill(c.t.RemoveTag, tag)).Title(fill(c.t.RemoveTag, tag)).
						Disabled(c.busy).
						OnClick(func(ctx app.Context, e app.Event) { c.removeTag(ctx, tag) }, app.EventScope(tag)).Body(icon(pathCross)),
				)
			}),
		),
		app.If(len(tags) < maxTags, func() app.UI {
			return app.Div().Class("tag-add").Body(
				app.Label().For("tag-input").Class("sr-only").Text(c.t.AddTag),
				app.Input().ID("tag-input").Type("text").MaxLength(maxTagChars).Placeholder("+ "+c.t.AddTag).
					Value(c.p.tagDraft).Aria("invalid", c.p.tagBad).Aria("describedby", "tag-error").
					OnInput(func(ctx app.Context, e app.Event) {
						c.p.tagDraft, c.p.tagBad = ctx.JSSrc().Get("value").String(), false
					}).
					OnKeyDown(func(ctx app.Context, e app.Event) {
						if e.Get("key").String() == "Enter" {
							c.addTag(ctx)
						}
					}),
			)
		}),
		app.If(c.p.tagBad, func() app.UI { return app.P().ID("tag-error").Class("tag-error").Role("alert").Text(c.t.BadTag) }),
		app.If(cv.Status == protocol.StatusSnoozed && !cv.SnoozedUntil.IsZero(), func() app.UI {
			return app.P().ID("snoozed-until").Class("snoozed-until").Body(icon(pathClock),
				app.Span().Text(fill(c.t.SnoozedUntil, whenLabel(cv.SnoozedUntil, time.Now(), c.t))))
		}),
	)
}

// addTag adds the typed tag to the open conversation.
func (c *Console) addTag(ctx app.Context) {
	cv := c.m.Conv(c.m.Thread.Conv)
	tag, ok := NormalizeTag(c.p.tagDraft)
	if cv == nil || !ok || len(WithTag(cv.Tags, tag)) > maxTags {
		c.p.tagBad = cv != nil
		return
	}
	c.p.tagDraft = ""
	clearValue("tag-input")
	c.update(ctx, map[string]any{"tags": WithTag(cv.Tags, tag)})
}

// removeTag takes a tag off the open conversation.
func (c *Console) removeTag(ctx app.Context, tag string) {
	if cv := c.m.Conv(c.m.Thread.Conv); cv != nil {
		c.update(ctx, map[string]any{"tags": WithoutTag(cv.Tags, tag)})
		ctx.Defer(func(app.Context) { focus("tag-input") })
	}
}

func (c *Console) priorityName(p string) string {
	switch p {
	case "low":
		return c.t.Low
	case "high":
		return c.t.High
	case "urgent":
		return c.t.Urgent
	}
	return c.t.Normal
}

// whenLabel names a time to come: the clock today, else its day and
// clock.
func whenLabel(t, now time.Time, tx *texts) string {
	if sameDay(t, now) {
		return clock(t)
	}
	return dayLabel(t, now, tx) + " " + clock(t)
}

// viewers shows the teammates viewing the conversation, as typing does.
func (c *Console) viewers(t *Thread) app.UI {
	vs := t.Viewers(time.Now())
	names := make([]string, 0, len(vs))
	for _, v := range vs {
		names = append(names, c.agentLabel(v))
	}
	text := ""
	switch len(names) {
	case 0:
	case 1:
		text = fill(c.t.Viewing, names[0])
	default:
		text = fill(c.t.ViewingMany, strings.Join(names, ", "))
	}
	return app.Div().ID("viewers").Class("viewers").Aria("live", "polite").Body(
		app.If(text != "", func() app.UI {
			return app.Div().Class("viewers-in").Title(text).Body(
				app.Span().Class("viewer-faces").Aria("hidden", "true").Body(
					app.Range(vs).Slice(func(i int) app.UI {
						return app.Span().Class("avatar", "tiny").DataSet("agent", vs[i].ID).Text(initial(names[i]))
					}),
				),
				app.Span().Class("viewers-text").Text(text),
			)
		}),
	)
}

// agentLabel names a teammate by the team list, else as the frame did.
func (c *Console) agentLabel(a protocol.Author) string {
	if n := c.m.AgentName(a.ID); n != "" {
		return n
	}
	if a.Name != "" {
		return a.Name
	}
	return c.t.Teammate
}
