package visitor

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/widget/ui"
)

// conversation is the message list and the composer.
func (w *Widget) conversation() app.UI {
	return app.Div().Class("conversation").Role("main").Body(
		app.Div().ID("messages").Class("messages").Role("log").Aria("live", "polite").
			Aria("label", w.t.Messages).TabIndex(0).OnScroll(w.onScroll).Body(
			app.If(w.loading && len(w.m.Items) > 0, func() app.UI { return app.P().Class("older").Text(w.t.Older) }),
			app.If(w.m.Config.Greeting != "", func() app.UI {
				return app.Div().Class("row", "theirs", "greeting").Body(app.Div().Class("bubble").Text(w.m.Config.Greeting))
			}),
			app.Range(w.m.Items).Slice(func(i int) app.UI { return w.item(i) }),
			app.If(w.m.AgentTyping != "", func() app.UI {
				return app.Div().Class("typing").Body(app.Span().Class("dots").Aria("hidden", "true"),
					app.Text(fill(w.t.Typing, w.m.AgentTyping)))
			}),
		),
		w.awayNote(),
		w.composer(),
	)
}

// item draws message i with a day separator and author line when needed.
func (w *Widget) item(i int) app.UI {
	it := w.m.Items[i]
	var prev *Item
	if i > 0 {
		prev = &w.m.Items[i-1]
	}
	newDay := prev == nil || !sameDay(prev.At, it.At)
	newAuthor := newDay || prev.Author.ID != it.Author.ID || prev.Author.Kind != it.Author.Kind
	side := "theirs"
	if it.Mine {
		side = "mine"
	}
	last := i == len(w.m.Items)-1 || !w.m.Items[i+1].Mine
	return app.Div().Class("item").Body(
		app.If(newDay, func() app.UI { return app.P().Class("day").Text(w.dayLabel(it.At)) }),
		app.Div().Class("row", side).DataSet("seq", it.Seq).DataSet("state", string(it.State)).Body(
			app.If(!it.Mine && newAuthor, func() app.UI {
				return app.Div().Class("author").Body(
					app.Span().Class("avatar", "small").Aria("hidden", "true").Text(initial(w.authorName(it.Author))),
					app.Span().Text(w.authorName(it.Author)))
			}),
			app.Div().Class("bubble").Title(it.At.Local().Format("Mon 2 Jan 15:04")).Body(ui.Body(it.Body)...),
			app.If(it.Mine && (last || it.State == Failed || it.State == Sending), func() app.UI { return w.status(it) }),
		),
	)
}

// status is the delivery line under an own message.
func (w *Widget) status(it Item) app.UI {
	switch it.State {
	case Sending:
		return app.P().Class("status").Text(w.t.Sending)
	case Failed:
		return app.P().Class("status", "failed").Body(app.Text(w.t.Failed+" "),
			app.Button().Class("link").Text(w.t.Retry).OnClick(func(ctx app.Context, e app.Event) { w.retry(it.Key) }))
	case Read:
		return app.P().Class("status").Text(w.t.Read + " · " + clock(it.At))
	}
	return app.P().Class("status").Text(w.t.Sent + " · " + clock(it.At))
}

func (w *Widget) onScroll(ctx app.Context, e app.Event) {
	if ctx.JSSrc().Get("scrollTop").Int() < 40 && w.m.HasOlder {
		w.loadOlder(ctx)
	}
}

func (w *Widget) dayLabel(t time.Time) string {
	now := time.Now()
	switch {
	case sameDay(t, now):
		return w.t.Today
	case sameDay(t, now.AddDate(0, 0, -1)):
		return w.t.Yesterday
	case w.lang == "zh":
		return t.Local().Format("1月2日")
	}
	return t.Local().Format("Mon 2 Jan")
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Local().Date()
	by, bm, bd := b.Local().Date()
	return ay == by && am == bm && ad == bd
}

func clock(t time.Time) string { return t.Local().Format("15:04") }
