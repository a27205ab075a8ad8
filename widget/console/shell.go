package console

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// shell is the console's state around the inbox: the rail menu, the
// shortcuts' help, the keyboard selection, notifications and the chosen
// language.
type shell struct {
	menu, help   bool
	cursor       string // the conversation j/k selected
	attn         Attention
	perm         string // desktop notification permission
	lang         string // "en" or "zh" when the agent chose; "" follows the browser
	presenceBusy bool
	returnTo     app.Value // what had focus before the help opened
	keys         *keyboard
	notes        *notifier
	blip         blipper
}

// startShell reads the stored settings and installs the listeners.
func (c *Console) startShell(ctx app.Context) {
	c.sh.attn.Muted = stored(storeMuted) == "1"
	c.sh.perm = permission()
	if l := stored(storeLang); l != "" {
		c.setLang(l, false)
	}
	c.sh.keys = c.listenKeys(ctx)
	c.sh.notes = newNotifier(func(conv string) {
		ctx.Dispatch(func(ctx app.Context) {
			if c.m != nil && conv != "" {
				c.sh.cursor = conv
				c.open(ctx, conv)
			}
		})
	})
}

// stopShell removes the listeners.
func (c *Console) stopShell() {
	c.sh.keys.release()
	c.sh.notes.release()
	c.sh.blip.release()
}

// resetShell forgets the signed-out agent's unread conversations.
func (c *Console) resetShell() {
	c.sh.attn = Attention{Muted: c.sh.attn.Muted}
	c.sh.menu, c.sh.help, c.sh.cursor = false, false, ""
	setTitle(c.texts().Title)
}

// setLang switches the console's language ("en" or "zh") at once,
// remembering the choice when keep is set.
func (c *Console) setLang(lang string, keep bool) {
	t := english
	if lang == "zh" {
		t = chinese
	}
	c.t, c.sh.lang = t, lang
	if keep {
		store(storeLang, lang)
	}
	app.Window().Get("document").Get("documentElement").Set("lang", t.Lang)
	setTitle(c.sh.attn.Title(t.Title))
}

// attend turns a client event into unread counts, notifications and
// sounds, and asks for the team list when a stranger's presence arrives.
func (c *Console) attend(ctx app.Context, ev conn.Event) {
	switch ev.Kind {
	case conn.EventTeam:
		if _, known := c.m.team[ev.Frame.(*protocol.Team).Agent]; !known {
			c.loadTeam(ctx)
		}
	case conn.EventMessage:
		open := ""
		if t := c.m.Thread; t != nil {
			open = t.Conv
		}
		al, ok := c.sh.attn.Message(ev.Conv, ev.Message.Msg, open, hidden(), time.Now())
		if !ok {
			return
		}
		setTitle(c.sh.attn.Title(c.t.Title))
		name, format := c.visitorName(c.m.ensure(ev.Conv)), c.t.NewMessage
		if al.New {
			format = c.t.NewConversation
		}
		c.sh.notes.show(fill(format, name), al.Body, al.Conv)
		if al.Sound {
			c.sh.blip.play()
		}
	}
}

// seen clears a conversation the agent is looking at from the unread.
func (c *Console) seen(conv string) {
	if c.sh.attn.UnreadIn(conv) > 0 {
		c.sh.attn.Seen(conv)
		setTitle(c.sh.attn.Title(c.t.Title))
	}
}

// setAway asks the server to make the agent away or online.
func (c *Console) setAway(ctx app.Context, away bool) {
	if c.sh.presenceBusy || c.m == nil {
		return
	}
	c.sh.presenceBusy = true
	a := c.api
	go func() {
		var out struct{ State string }
		err := a.call("PUT", "/me/presence", map[string]bool{"away": away}, &out)
		ctx.Dispatch(func(ctx app.Context) {
			c.sh.presenceBusy = false
			switch {
			case c.m == nil:
			case err == nil:
				c.m.SetMyState(out.State)
			case httpStatus(err) == statusUnauthorized:
				c.signedOut(ctx, c.t.SessionEnded)
			default:
				c.notice = c.t.ActionFailed
			}
		})
	}()
}

// toggleMute turns sounds off or on, remembered in localStorage.
func (c *Console) toggleMute() {
	c.sh.attn.Muted = !c.sh.attn.Muted
	v := ""
	if c.sh.attn.Muted {
		v = "1"
	}
	store(storeMuted, v)
}

// enableNotifications asks the browser's permission (from a click only).
func (c *Console) enableNotifications(ctx app.Context) {
	askPermission(func(p string) { ctx.Dispatch(func(app.Context) { c.sh.perm = p }) })
}
