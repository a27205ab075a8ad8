package console

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The browser calls behind Attention's decisions: desktop notifications,
// the WebAudio blip, the tab's title and the settings kept in
// localStorage.

// Keys of the console's settings in localStorage.
const (
	storeMuted = "parley.console.muted"
	storeLang  = "parley.console.lang"
)

// stored reads a setting, "" when unset or when storage is unavailable.
func stored(key string) string {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	if v := ls.Call("getItem", key); v.Truthy() {
		return v.String()
	}
	return ""
}

// store keeps a setting; "" removes it.
func store(key, value string) {
	ls := app.Window().Get("localStorage")
	switch {
	case !ls.Truthy():
	case value == "":
		ls.Call("removeItem", key)
	default:
		ls.Call("setItem", key, value)
	}
}

// setTitle sets the tab's title.
func setTitle(title string) { app.Window().Get("document").Set("title", title) }

// permission is the desktop notification permission: "default",
// "granted", "denied", or "" when the browser has no notifications.
func permission() string {
	n := app.Window().Get("Notification")
	if !n.Truthy() {
		return ""
	}
	return n.Get("permission").String()
}

// askPermission asks the browser to allow notifications (only ever from a
// click: browsers ignore it otherwise) and calls done with the answer.
func askPermission(done func(string)) {
	n := app.Window().Get("Notification")
	if !n.Truthy() {
		return
	}
	p := n.Call("requestPermission")
	if !p.Truthy() {
		return
	}
	go func() {
		v, err := await(p)
		if err == nil {
			done(v.String())
		}
	}()
}

// notifier shows desktop notifications; a click focuses the tab and
// calls onClick with the conversation (the notification's tag).
type notifier struct {
	click app.Func
}

func newNotifier(onClick func(conv string)) *notifier {
	return &notifier{click: app.FuncOf(func(this app.Value, args []app.Value) any {
		app.Window().Call("focus")
		onClick(this.Get("tag").String())
		this.Call("close")
		return nil
	})}
}

// show puts up a notification for conv, replacing the conversation's
// previous one.
func (n *notifier) show(title, body, conv string) {
	if n == nil || permission() != "granted" {
		return
	}
	opts := map[string]any{"body": body, "tag": conv, "lang": app.Window().Get("document").Get("documentElement").Get("lang").String()}
	note := app.Window().Get("Notification").New(title, opts)
	note.Set("onclick", n.click)
}

func (n *notifier) release() {
	if n != nil {
		n.click.Release()
	}
}

// blipper plays a short two-note chime with an oscillator: no audio file
// to load. Browsers keep audio silent until the page has had a click or
// key. The first AudioContext takes long to create (600 ms on a busy
// machine), so the sound is made in a task of its own, after the inbox
// has drawn what arrived.
type blipper struct {
	ctx   app.Value // nil until the first blip
	sound app.Func
}

func (b *blipper) play() {
	if b.sound == nil {
		b.sound = app.FuncOf(func(this app.Value, args []app.Value) any {
			b.chime()
			return nil
		})
	}
	app.Window().Call("setTimeout", b.sound, 0)
}

func (b *blipper) release() {
	if b.sound != nil {
		b.sound.Release()
	}
}

func (b *blipper) chime() {
	if b.ctx == nil {
		ac := app.Window().Get("AudioContext")
		if !ac.Truthy() {
			return
		}
		b.ctx = ac.New()
	}
	ctx := b.ctx
	if ctx.Get("state").String() == "suspended" {
		ctx.Call("resume")
	}
	now := ctx.Get("currentTime").Float()
	osc, gain := ctx.Call("createOscillator"), ctx.Call("createGain")
	osc.Set("type", "sine")
	osc.Get("frequency").Call("setValueAtTime", 880, now)
	osc.Get("frequency").Call("setValueAtTime", 1320, now+0.09)
	gain.Get("gain").Call("setValueAtTime", 0.0001, now)
	gain.Get("gain").Call("exponentialRampToValueAtTime", 0.12, now+0.02)
	gain.Get("gain").Call("exponentialRampToValueAtTime", 0.0001, now+0.25)
	osc.Call("connect", gain)
	gain.Call("connect", ctx.Get("destination"))
	osc.Call("start", now)
	osc.Call("stop", now+0.26)
}
