package visitor

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// emojis offered by the picker.
var emojis = []string{"😀", "😂", "😊", "😍", "🙏", "👍", "👎", "👏", "🎉", "❤️", "🔥", "🤔", "😅", "😢", "😮", "🙌", "✅", "❌", "📦", "💳", "🚚", "☕", "👋", "⭐"}

// composer is the text box: Enter sends, Shift+Enter breaks the line.
func (w *Widget) composer() app.UI {
	return app.Form().ID("composer-form").Class("composer").Body(
		app.If(w.emoji, func() app.UI {
			return app.Div().Class("emoji-grid").Role("group").Aria("label", w.t.Emoji).Body(
				app.Range(emojis).Slice(func(i int) app.UI {
					e := emojis[i]
					return app.Button().Type("button").Class("emoji").Text(e).Aria("label", e).
						OnClick(func(ctx app.Context, ev app.Event) { w.draft += e; w.emoji = false; focus("composer") })
				}))
		}),
		app.Label().For("composer").Class("sr-only").Text(w.t.Message),
		app.Textarea().ID("composer").Rows(1).MaxLength(4000).Placeholder(w.t.Placeholder).
			Text(w.draft).OnInput(w.onInput),
		app.Button().Type("button").Class("icon", "emoji-toggle").Aria("label", w.t.Emoji).Aria("expanded", w.emoji).
			OnClick(func(ctx app.Context, e app.Event) { w.emoji = !w.emoji }).Body(app.Raw(iconSmile)),
		app.Button().ID("send").Type("submit").Class("icon", "send").Aria("label", w.t.Send).
			Disabled(strings.TrimSpace(w.draft) == "").Body(app.Raw(iconSend)),
	)
}

func (w *Widget) onInput(ctx app.Context, e app.Event) {
	w.draft = ctx.JSSrc().Get("value").String()
	autosize(ctx.JSSrc())
	if w.m.Conv != "" && time.Since(w.typingAt) > 3*time.Second {
		w.typingAt = time.Now()
		w.client.Typing(w.m.Conv, true)
	}
}

// send queues the draft; it is delivered once, even across reconnects.
func (w *Widget) send(ctx app.Context) {
	body := strings.TrimSpace(w.draft)
	if body == "" {
		return
	}
	cmid := w.client.Send(w.m.Conv, body)
	w.m.AddPending(cmid, body, time.Now())
	w.draft, w.emoji = "", false
	if w.m.Conv != "" && !w.typingAt.IsZero() {
		w.client.Typing(w.m.Conv, false)
		w.typingAt = time.Time{}
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("composer"); el.Truthy() {
			el.Set("value", "")
			autosize(el)
		}
		scrollToEnd()
	})
}

func (w *Widget) retry(cmid string) {
	for _, it := range w.m.Items {
		if it.Key == cmid {
			newCMID := w.client.Send(w.m.Conv, it.Body)
			w.m.Retry(cmid, newCMID)
			return
		}
	}
}

// autosize grows the text box with its content, up to the CSS max-height.
func autosize(el app.Value) {
	el.Get("style").Set("height", "auto")
	el.Get("style").Set("height", el.Get("scrollHeight").String()+"px")
}
