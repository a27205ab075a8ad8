package console

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// composer is the reply box: Reply goes to the visitor, Note stays with
// the team. Enter sends, Shift+Enter breaks the line (keys.go).
func (c *Console) composer(cv *Conv) app.UI {
	mode, placeholder, send := "reply", fill(c.t.ReplyTo, c.visitorName(cv)), c.t.Send
	if c.note {
		mode, placeholder, send = "note", c.t.NotePlaceholder, c.t.AddNote
	}
	return app.Form().ID("composer-form").Class("composer").DataSet("mode", mode).Body(
		app.Div().Class("modes").Role("group").Aria("label", c.t.Reply+" / "+c.t.Note).Body(
			app.Button().ID("mode-reply").Type("button").Class("mode").Aria("pressed", !c.note).
				OnClick(func(ctx app.Context, e app.Event) { c.setNote(ctx, false) }).Text(c.t.Reply),
			app.Button().ID("mode-note").Type("button").Class("mode").Aria("pressed", c.note).
				OnClick(func(ctx app.Context, e app.Event) { c.setNote(ctx, true) }).Body(icon(pathLock), app.Span().Text(c.t.Note)),
		),
		c.cannedPicker(),
		app.Label().For("composer").Class("sr-only").Text(placeholder),
		app.Textarea().ID("composer").Rows(2).MaxLength(4000).Placeholder(placeholder).
			Text(c.draft).OnInput(c.onInput),
		app.Div().Class("composer-foot").Body(
			c.cannedButton(),
			app.Span().Class("hint").Text(c.t.Hint),
			app.Button().ID("send").Type("submit").Class("btn", "primary").
				Disabled(strings.TrimSpace(c.draft) == "" || c.client == nil).Text(send),
		),
	)
}

func (c *Console) setNote(ctx app.Context, on bool) {
	if on {
		c.stopTyping() // what follows is a note, which visitors never see typed
	}
	c.note = on
	ctx.Defer(func(app.Context) { focus("composer") })
}

// typingEvery is how often "typing" is repeated while the agent types: the
// indicator lasts typingFor on the other side.
const typingEvery = 3 * time.Second

func (c *Console) onInput(ctx app.Context, e app.Event) {
	c.draft = ctx.JSSrc().Get("value").String()
	autosize(ctx.JSSrc())
	c.followSlash(ctx)
	t := c.m.Thread
	switch {
	case t == nil || c.note || c.client == nil:
	case strings.TrimSpace(c.draft) == "":
		c.stopTyping()
	case c.typingIn != t.Conv || time.Since(c.typingAt) > typingEvery:
		if c.typingIn != t.Conv {
			c.stopTyping()
		}
		c.typingAt, c.typingIn = time.Now(), t.Conv
		c.client.Typing(t.Conv, true)
	}
}

// stopTyping tells the conversation the agent typed in that they stopped.
func (c *Console) stopTyping() {
	if c.typingIn != "" && c.client != nil {
		c.client.Typing(c.typingIn, false)
	}
	c.typingAt, c.typingIn = time.Time{}, ""
}

// send queues the text box's content as a reply or a note; it is
// delivered once, even across reconnects.
func (c *Console) send(ctx app.Context) {
	if c.m == nil || c.m.Thread == nil || c.client == nil {
		return
	}
	t := c.m.Thread
	if el := byID("composer"); el.Truthy() {
		c.draft = el.Get("value").String() // the newest keystrokes may not have reached onInput yet
	}
	body := strings.TrimSpace(c.draft)
	if body == "" {
		return
	}
	var cmid string
	if c.note {
		cmid = c.client.SendNote(t.Conv, body)
	} else {
		cmid = c.client.Send(t.Conv, body)
		c.stopTyping()
	}
	c.m.Sending(cmid, t.Conv, body, c.note, time.Now())
	c.draft = ""
	ctx.Defer(func(app.Context) {
		if el := byID("composer"); el.Truthy() {
			el.Set("value", "")
			autosize(el)
		}
		scrollToEnd()
	})
}

// retry sends a failed message again.
func (c *Console) retry(cmid string) {
	t := c.m.Thread
	if t == nil || c.client == nil {
		return
	}
	for _, it := range t.Items() {
		if it.Key == cmid && it.State == Failed {
			var next string
			if it.Note {
				next = c.client.SendNote(t.Conv, it.Body)
			} else {
				next = c.client.Send(t.Conv, it.Body)
			}
			c.m.Retry(cmid, next)
			return
		}
	}
}
