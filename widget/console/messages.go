package console

import (
	"cmp"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/ui"
)

// groupGap is how far apart two messages of one author may be and still
// share one author line.
const groupGap = 5 * time.Minute

// messages is the conversation's history: visitor messages on the left,
// agents' on the right in the accent colour, internal notes in yellow.
func (c *Console) messages(t *Thread, cv *Conv) app.UI {
	items := t.Items()
	now := time.Now()
	name := c.visitorName(cv)
	return app.Div().ID("messages").Class("messages").Role("log").Aria("label", c.t.Conversations).
		TabIndex(0).OnScroll(c.onScroll).Body(
		app.If(c.olderConv == t.Conv, func() app.UI { return app.P().Class("older").Text(c.t.Older) }),
		app.Range(items).Slice(func(i int) app.UI { return c.item(items, i, name, cv.VisitorID, now) }),
		c.typing(t.Typers(now), name),
	)
}

// typing says who is typing: the visitor, teammates. It is a live region
// of its own so that screen readers announce it once, not the whole log.
func (c *Console) typing(typers []protocol.Author, visitor string) app.UI {
	return app.Div().ID("typing").Class("typing-list").Aria("live", "polite").Body(
		app.Range(typers).Slice(func(i int) app.UI {
			a := typers[i]
			who := visitor
			if a.Kind == protocol.AuthorAgent {
				who = cmp.Or(c.m.AgentName(a.ID), a.Name, c.t.Teammate)
			}
			return app.P().Class("typing").DataSet("kind", a.Kind).DataSet("author", a.ID).Body(
				app.Span().Class("dots").Aria("hidden", "true"), app.Text(fill(c.t.Typing, who)))
		}),
	)
}

// item draws items[i], with a day separator and its author line when it
// ends a run of the same author's messages.
func (c *Console) item(items []Item, i int, visitor, visitorID string, now time.Time) app.UI {
	it := items[i]
	newDay := i == 0 || !sameDay(items[i-1].At, it.At)
	last := i == len(items)-1 || !sameRun(it, items[i+1])
	kind := it.Author.Kind
	if it.Note {
		kind = "note"
	}
	who := it.Author.Name
	if it.Author.Kind == protocol.AuthorVisitor {
		who = visitor
	} else if it.Author.ID == c.m.Me.ID {
		who = c.t.You
	}
	return app.Div().Class("item").Body(
		app.If(newDay, func() app.UI { return app.P().Class("day").Body(app.Span().Text(dayLabel(it.At, now, c.t))) }),
		app.Div().Class("msg").DataSet("kind", kind).DataSet("seq", it.Seq).DataSet("state", string(it.State)).
			DataSet("delivery", string(c.m.Thread.Delivery(it))).DataSet("last", last).Body(
			app.Div().Class("msg-row").Body(
				app.If(kind == protocol.AuthorVisitor, func() app.UI {
					if last {
						return avatar(visitor, visitorID, "small")
					}
					return app.Span().Class("avatar-gap")
				}),
				app.If(it.Note, func() app.UI {
					return app.Div().Class("note-box").Body(
						app.P().Class("note-label").Body(icon(pathLock), app.Span().Text(c.t.InternalNote)),
						app.Div().Class("note-text").Body(ui.Body(it.Body)...),
					)
				}).Else(func() app.UI {
					return app.Div().Class("bubble").Title(it.At.Local().Format("Mon 2 Jan 15:04")).Body(ui.Body(it.Body)...)
				}),
			),
			app.If(last || it.State != "", func() app.UI { return c.meta(it, who) }),
		),
	)
}

// meta is the line under a run: who and when, or the state of an own send.
func (c *Console) meta(it Item, who string) app.UI {
	switch it.State {
	case Sending:
		return app.P().Class("meta").Body(app.Span().Class("tick").Body(icon(pathClock)), app.Text(c.t.Sending))
	case Failed:
		key := it.Key
		return app.P().Class("meta", "failed").Body(app.Text(c.t.NotSent+" "),
			app.Button().Type("button").Class("link").Text(c.t.Retry).
				OnClick(func(ctx app.Context, e app.Event) { c.retry(key) }, app.EventScope(key)))
	}
	return app.P().Class("meta").Body(app.Text(who+" · "+clock(it.At)), c.deliveryMark(c.m.Thread.Delivery(it)))
}

// deliveryMark marks an agent message sent (✓) or seen by the visitor (✓✓).
func (c *Console) deliveryMark(d MsgState) app.UI {
	switch d {
	case Sent:
		return app.Span().Class("tick").DataSet("delivery", "sent").Title(c.t.SentMark).Body(
			icon(pathTick), app.Span().Class("sr-only").Text(c.t.SentMark))
	case Seen:
		return app.Span().Class("tick").DataSet("delivery", "seen").Title(c.t.SeenMark).Body(
			icon(pathTicks), app.Span().Class("sr-only").Text(c.t.SeenMark))
	}
	return nil
}

// sameRun reports whether b continues a's run: same author, same kind,
// both notes or neither, same day, close in time.
func sameRun(a, b Item) bool {
	return a.Author.Kind == b.Author.Kind && a.Author.ID == b.Author.ID && a.Note == b.Note &&
		a.State == "" && sameDay(a.At, b.At) && b.At.Sub(a.At) < groupGap
}
