package console

import (
	"context"
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
	"github.com/parley-chat/parley/widget/ui"
)

// screen is what the console shows as a whole.
type screen int

const (
	screenLoading screen = iota // asking whether the agent is signed in
	screenSignIn
	screenInbox
	screenJoin // accepting an invite (join.go)
)

// Console is the agent console: the root component of the console app. It
// signs the agent in, runs the agent socket and shows the inbox.
type Console struct {
	app.Compo

	t        *texts
	screen   screen
	api      *api
	m        *Model
	client   *conn.Client
	stop     context.CancelFunc // ends the socket of the signed-in session
	dom      *ui.DOMEvents
	scroll   *listScroll // the conversation list's scroll offset
	dispatch func(func(app.Context))

	signIn    signInState
	draft     string
	note      bool             // the composer writes internal notes
	olderConv string           // the conversation whose older messages are loading
	read      map[string]int64 // the last seq marked read, per conversation
	busy      bool             // a status or assignment change is on its way
	notice    string
	typingAt  time.Time      // when "typing" was last sent
	typingIn  string         // the conversation it was sent for
	teamBusy  bool           // the team list is loading
	canned    cannedState    // canned responses and the composer's picker (picker.go)
	set       *settingsState // the settings screen, nil when closed (settings.go)
	join      joinState      // the invite card (join.go)
	mounted   bool
	sh        shell     // menu, shortcuts, notifications, language (shell.go)
	p         paneState // the conversation pane's own state
}

// signInState is the sign-in form's state.
type signInState struct {
	email   string
	error   string
	pending bool
}

// OnMount asks the server whether the agent is signed in.
func (c *Console) OnMount(ctx app.Context) {
	c.t, c.api, c.dispatch, c.mounted = browserTexts(), &api{}, ctx.Dispatch, true
	c.dom = ui.ListenDOM(ctx, "composer", []string{"email", "password"}, c.send, c.onSubmit)
	c.dom.InterceptKeys(c.pickerKeys)
	c.scroll = listenScroll(ctx, c.listScrolled)
	app.Window().Get("document").Set("title", c.t.Title)
	c.startShell(ctx)
	if tok := inviteToken(); tok != "" {
		c.startJoin(ctx, tok)
		c.tick(ctx)
		return
	}
	go func() {
		s, err := c.api.session()
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err == nil && s.Agent != nil:
				c.start(ctx, s)
			case err == nil:
				c.screen = screenSignIn
			default:
				c.screen, c.signIn.error = screenSignIn, c.t.Unavailable
			}
		})
	}()
	c.tick(ctx)
	c.paneMount(ctx)
}

// OnDismount stops the socket and the listeners.
func (c *Console) OnDismount() {
	c.mounted = false
	c.end(true)
	c.dom.Release()
	c.stopShell()
	c.scroll.Release()
	c.paneDismount()
}

// tick redraws twice a minute so that waiting times stay true.
func (c *Console) tick(ctx app.Context) {
	ctx.After(30*time.Second, func(ctx app.Context) {
		if c.mounted {
			c.tick(ctx)
		}
	})
}

// start opens the inbox for a signed-in session: the agent socket, with
// the session cookie the browser sends itself.
func (c *Console) start(ctx app.Context, s Session) {
	c.api.csrf = s.CSRF
	c.m = NewModel(*s.Agent)
	c.screen, c.signIn = screenInbox, signInState{}
	var client *conn.Client
	client = conn.New(conn.Config{URL: socketURL(), Hello: protocol.Hello{Token: ""}, OnEvent: func(ev conn.Event) {
		ctx.Dispatch(func(ctx app.Context) {
			if c.client == client { // not a socket of an earlier sign-in, still closing
				c.onEvent(ctx, ev)
			}
		})
	}})
	sctx, cancel := context.WithCancel(context.Background())
	c.client, c.stop = client, cancel
	go func() {
		if err := client.Run(sctx); errors.Is(err, conn.ErrUnauthorized) {
			c.dispatch(func(ctx app.Context) {
				if c.client == client {
					c.signedOut(ctx, c.t.SessionEnded)
				}
			})
		}
	}()
}

// serverCloseWait is how long a signed-out console leaves its socket for
// the server to close.
const serverCloseWait = 10 * time.Second

// end stops the signed-in session's socket: at once, or (later) after
// serverCloseWait when the server is about to close it. A socket the page
// closes itself makes the browser's close event call a handler that
// widget/conn has already released, which the Go runtime reports as an
// error; one the server closes does not.
func (c *Console) end(now bool) {
	if stop := c.stop; stop != nil && now {
		stop()
	} else if stop != nil {
		time.AfterFunc(serverCloseWait, stop)
	}
	c.client, c.stop = nil, nil
}

// signedOut returns to the sign-in screen, saying why. The server has
// ended the session (or is ending it), and closes its sockets itself.
func (c *Console) signedOut(ctx app.Context, why string) {
	c.end(false)
	c.m, c.draft, c.note, c.notice, c.read = nil, "", false, "", nil
	c.typingIn, c.typingAt = "", time.Time{}
	c.screen, c.signIn.error, c.signIn.pending = screenSignIn, why, false
	c.resetShell()
	ctx.Defer(func(app.Context) { focus("email") })
}

// onEvent applies a client event on the UI goroutine.
func (c *Console) onEvent(ctx app.Context, ev conn.Event) {
	if c.m == nil {
		return
	}
	atEnd := nearEnd()
	c.m.Apply(ev)
	c.onPaneEvent(ctx, ev)
	switch ev.Kind {
	case conn.EventWelcome:
		c.loadInbox(ctx)
		c.loadTeam(ctx)
		if t := c.m.Thread; t != nil && !t.Loaded {
			c.loadOlder(ctx)
		}
	case conn.EventState:
		if c.m.Link == LinkBackOnline {
			ctx.After(3*time.Second, func(app.Context) {
				if c.m != nil && c.m.Link == LinkBackOnline {
					c.m.Link = LinkOnline
				}
			})
		}
	case conn.EventTyping:
		ctx.After(typingFor, func(app.Context) {}) // redraw when the indicator expires
	case conn.EventStatus:
		if c.m.Unknown(ev.Frame.(*protocol.Status)) {
			c.loadTeam(ctx) // assigned to an agent added since the list was loaded
		}
		c.snoozedElsewhere(ctx, ev.Frame.(*protocol.Status))
	case conn.EventMessage, conn.EventNote, conn.EventAck:
		if t := c.m.Thread; t != nil && t.Conv == ev.Conv {
			if atEnd || ev.Kind == conn.EventAck {
				ctx.Defer(func(app.Context) { scrollToEnd() })
			}
			c.markRead()
		}
	}
	c.attend(ctx, ev)
	c.describe(ctx)
}

// loadInbox fetches visitors, last messages and waiting times.
func (c *Console) loadInbox(ctx app.Context) {
	go func() {
		list, err := c.api.inbox()
		ctx.Dispatch(func(ctx app.Context) {
			if c.m == nil {
				return
			}
			if httpStatus(err) == statusUnauthorized {
				c.signedOut(ctx, c.t.SessionEnded)
				return
			}
			if err == nil {
				c.m.Summaries(list)
			}
		})
	}()
}

// loadTeam fetches the agents, to name assignees.
func (c *Console) loadTeam(ctx app.Context) {
	if c.teamBusy {
		return
	}
	c.teamBusy = true
	mark := c.m.PresenceMark()
	go func() {
		team, err := c.api.team()
		ctx.Dispatch(func(ctx app.Context) {
			c.teamBusy = false
			if err == nil && c.m != nil {
				c.m.SetTeam(team, mark)
			}
		})
	}()
}

// describe fetches the visitors of conversations the inbox learnt of
// from the socket alone.
func (c *Console) describe(ctx app.Context) {
	for _, id := range c.m.Undescribed() {
		go func() {
			d, err := c.api.detail(id)
			if err == nil {
				ctx.Dispatch(func(ctx app.Context) {
					if c.m != nil {
						c.m.Describe(id, d.Visitor)
					}
				})
			}
		}()
	}
}

func socketURL() string {
	loc := app.Window().Get("location")
	scheme := "ws://"
	if loc.Get("protocol").String() == "https:" {
		scheme = "wss://"
	}
	return scheme + loc.Get("host").String() + "/ws/agent"
}

// Render draws the screen.
func (c *Console) Render() app.UI {
	switch {
	case c.screen == screenSignIn:
		return c.renderSignIn()
	case c.screen == screenJoin:
		return c.renderJoin()
	case c.screen == screenInbox && c.m != nil:
		return c.renderInbox()
	}
	return app.Div().ID("console").Class("console", "loading").Aria("busy", "true").Body(
		app.P().Class("sr-only").Text(c.texts().Loading))
}

// texts returns the console's words, English before OnMount has chosen.
func (c *Console) texts() *texts {
	if c.t == nil {
		return english
	}
	return c.t
}
