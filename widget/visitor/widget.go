package visitor

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
	"github.com/parley-chat/parley/widget/ui"
)

// historyPage is how many messages one history load shows.
const historyPage = 30

// Widget is the chat panel: the root component of the widget app.
type Widget struct {
	app.Compo

	m        *Model
	t        *texts
	lang     string
	site     string
	client   *conn.Client
	bridge   *bridge
	cancel   context.CancelFunc
	start    sync.Once
	draft    string
	emoji    bool
	loading  bool
	who      protocol.Identity // name and email the visitor gave us
	dom      *ui.DOMEvents
	dispatch func(func(app.Context))
	sentRead int64     // the last seq a read receipt was sent for
	typingAt time.Time // when "typing" was last sent
}

// OnMount connects and starts listening to the loader.
func (w *Widget) OnMount(ctx app.Context) {
	w.m = NewModel()
	w.site = strings.Trim(strings.TrimPrefix(ctx.Page().URL().Path, "/w/"), "/")
	w.t, w.lang = textsFor("", app.Window().Get("navigator").Get("language").String())
	w.who = loadIdentity(w.site)
	gctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.dispatch = ctx.Dispatch
	w.client = conn.New(conn.Config{URL: socketURL(), Hello: w.hello(), OnEvent: func(ev conn.Event) {
		ctx.Dispatch(func(ctx app.Context) { w.onEvent(ctx, ev) })
	}})
	w.bridge = newBridge(ctx.Page().URL().Query().Get("o"))
	w.bridge.listen(func(m parentMsg) { ctx.Dispatch(func(ctx app.Context) { w.onParent(ctx, m, gctx) }) })
	w.dom = ui.ListenDOM(ctx, "composer", []string{"name", "email"}, w.send, w.onSubmit)
	w.bridge.post("ready", nil)
	w.bridge.post("unread", map[string]any{"count": 0}) // the loader's starting count
	if w.bridge.origin == "" {
		w.m.Open = true // opened directly, not embedded
		w.run(gctx)
	} else {
		ctx.After(500*time.Millisecond, func(app.Context) { w.run(gctx) }) // if the loader never says "page"
	}
	app.Window().Get("document").Set("title", "Chat")
}

// OnDismount stops the client.
func (w *Widget) OnDismount() {
	w.cancel()
	w.bridge.release()
	w.dom.Release()
}

// run starts the client once: after the loader has told us the page, so
// the first hello carries it.
func (w *Widget) run(ctx context.Context) {
	w.start.Do(func() { go w.loop(ctx) })
}

// loop runs the client. A visitor token the server no longer knows
// (database moved, visitor purged) is forgotten and the visitor starts
// afresh; a policy refusal (this site may not use the chat) is shown.
func (w *Widget) loop(ctx context.Context) {
	for {
		err := w.client.Run(ctx)
		switch {
		case errors.Is(err, conn.ErrUnauthorized) && w.client.Token() != "":
			saveToken(w.site, "")
			w.client.UpdateHello(func(h *protocol.Hello) { h.Token = "" })
			w.client.ResetToken()
			continue
		case err != nil:
			w.dispatch(func(app.Context) { w.m.Link = LinkUnavailable })
		}
		return
	}
}

func (w *Widget) hello() protocol.Hello {
	h := protocol.Hello{Site: w.site, Token: loadToken(w.site), Locale: app.Window().Get("navigator").Get("language").String(),
		Timezone: timezone()}
	if w.who != (protocol.Identity{}) {
		id := w.who
		h.Identity = &id
	}
	return h
}

// onParent handles a message from the loader.
func (w *Widget) onParent(ctx app.Context, m parentMsg, gctx context.Context) {
	switch m.Type {
	case "page":
		w.client.UpdateHello(func(h *protocol.Hello) {
			h.Page = protocol.Page{URL: m.Page[0], Title: m.Page[1], Referrer: m.Page[2]}
		})
		w.run(gctx)
	case "open":
		w.m.Open, w.m.Unread = true, 0
		w.bridge.post("unread", map[string]any{"count": 0})
		w.markRead()
		ctx.Defer(func(app.Context) { focus("composer"); scrollToEnd() })
	case "close":
		w.m.Open = false
	case "identify":
		w.identify(m.Data)
	case "set":
		w.client.UpdateHello(func(h *protocol.Hello) { h.Attributes = m.Data })
	}
}

// identify records who the visitor is; fields left out keep their value.
func (w *Widget) identify(d map[string]string) {
	if len(d) == 0 {
		return
	}
	id := w.who
	for k, dst := range map[string]*string{"user_id": &id.UserID, "email": &id.Email, "name": &id.Name, "hash": &id.Hash} {
		if v, ok := d[k]; ok {
			*dst = v
		}
	}
	w.who = id
	saveIdentity(w.site, id)
	w.client.UpdateHello(func(h *protocol.Hello) { h.Identity = &id })
}

// onEvent applies a client event on the UI goroutine.
func (w *Widget) onEvent(ctx app.Context, ev conn.Event) {
	wasConv := w.m.Conv
	msg := w.m.Apply(ev)
	switch ev.Kind {
	case conn.EventWelcome:
		saveToken(w.site, w.client.Token())
		w.t, w.lang = textsFor(w.m.Config.Locale, app.Window().Get("navigator").Get("language").String())
		if w.m.Conv != "" && wasConv == "" && len(w.m.Items) == 0 {
			w.loadOlder(ctx)
		}
	case conn.EventState:
		if w.m.Link == LinkBackOnline {
			ctx.After(3*time.Second, func(app.Context) {
				if w.m.Link == LinkBackOnline {
					w.m.Link = LinkOnline
				}
			})
		}
	}
	if msg != nil {
		w.bridge.post("message", map[string]any{"msg": map[string]any{"author": msg.Author.Name, "body": msg.Body, "at": msg.At.Format(time.RFC3339)}})
		w.bridge.post("unread", map[string]any{"count": w.m.Unread})
		w.markRead()
	}
	if ev.Kind == conn.EventMessage || ev.Kind == conn.EventAck {
		ctx.Defer(func(app.Context) { scrollToEnd() })
	}
}

// loadOlder fetches the messages before the oldest one shown.
func (w *Widget) loadOlder(ctx app.Context) {
	if w.loading || w.m.Conv == "" {
		return
	}
	w.loading = true
	conv, before := w.m.Conv, w.m.OldestSeq()
	go func() {
		hctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		msgs, err := w.client.History(hctx, conv, before, historyPage)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			w.loading = false
			if err == nil {
				w.m.AddHistory(conv, msgs, historyPage)
				w.markRead()
				if before == 0 {
					ctx.Defer(func(app.Context) { scrollToEnd() })
				}
			}
		})
	}()
}

// markRead tells agents the visitor has seen their latest message.
func (w *Widget) markRead() {
	seq := w.m.LastAgentSeq()
	if !w.m.Open || seq <= w.sentRead || app.Window().Get("document").Get("hidden").Bool() {
		return
	}
	w.sentRead = seq
	w.client.MarkRead(w.m.Conv, seq)
}

func socketURL() string {
	loc := app.Window().Get("location")
	scheme := "ws://"
	if loc.Get("protocol").String() == "https:" {
		scheme = "wss://"
	}
	return scheme + loc.Get("host").String() + "/ws/visitor"
}
