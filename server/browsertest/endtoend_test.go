package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// launcherColor is the colour the loader paints the launcher in: the
// site's colour from config.json, or the loader's default #4f46e5.
func launcherColor(t *testing.T, e *Env) [3]uint8 {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.Chat+"/w/"+e.Site.Key+"/config.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", e.Host)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Color string `json:"color"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatalf("config.json: %v", err)
	}
	c := "4f46e5"
	if ok, _ := regexp.MatchString(`^#[0-9a-fA-F]{6}$`, cfg.Color); ok {
		c = cfg.Color[1:]
	}
	n, _ := strconv.ParseUint(c, 16, 32)
	return [3]uint8{uint8(n >> 16), uint8(n >> 8), uint8(n)}
}

// TestWidgetEndToEnd is the widget's acceptance: a customer page on
// localhost embeds the chat from 127.0.0.1; the launcher paints before any
// WASM is asked for; the visitor chats with an agent; history survives a
// reload; a message typed while the server is down is delivered exactly
// once when it returns; and nothing is logged as an error on the way.
func TestWidgetEndToEnd(t *testing.T) {
	stage := Stages(t)
	b := NewBrowser(t)
	stage("chromium started")
	e := NewEnv(t)
	stage("assets built, servers up")
	defer func() {
		if t.Failed() {
			b.Console.Log(t)
		}
	}()
	b.OnNewDocument(t, ProbeJS)

	// a. The launcher is painted without waiting for any WASM.
	b.Navigate(t, e.Host+"/")
	p := WaitLauncher(t, b, 10*time.Second)
	t.Logf("launcher: in DOM %.1f ms, painted %.1f ms after navigation start (host box %v×%v)", p.InDOM, p.Painted, p.Rect[0], p.Rect[1])
	if !p.Hit {
		t.Fatalf("a click at the launcher's place (innerWidth-52, innerHeight-52) does not hit <parley-chat>")
	}
	iframeURL := "/w/" + e.Site.Key + "?"
	for _, r := range p.Resources {
		if strings.Contains(r, ".wasm") || strings.Contains(r, iframeURL) {
			t.Fatalf("%s was requested before the launcher entered the DOM; resources then: %q", r, p.Resources)
		}
	}
	shot := b.Shot(t, "1-launcher")
	xy := Eval[[2]float64](t, b.Ctx, launcherJS)
	// 22px above the centre: inside the 56px disc, outside the 28px icon.
	if c, want := PixelAt(t, shot, int(xy[0]), int(xy[1])-22), launcherColor(t, e); !near(c, want, 12) {
		t.Fatalf("launcher pixel is %v, want about %v", c, want)
	}

	stage("a. launcher painted")

	// b. Click → the panel is interactive.
	clicked := time.Now()
	b.ClickLauncher(t)
	f := b.WaitFrame(t, "", 10*time.Second)
	WaitJS(t, f.Ctx, "the composer", ComposerReadyJS, 15*time.Second)
	t.Logf("click → composer ready: %v", time.Since(clicked).Round(time.Millisecond))
	WaitJS(t, b.Ctx, "the panel open on the host page", panelOpenJS, 5*time.Second)
	if w := Eval[[2]float64](t, f.Ctx, `[innerWidth, innerHeight]`); w[0] < 300 || w[1] < 300 {
		t.Fatalf("the widget iframe is %v×%v: the host page's CSS (iframe{display:none!important}) reached it?", w[0], w[1])
	}
	t.Logf("host resources when the launcher entered the DOM: %q", p.Resources)
	// The host's timeline does list the iframe's load, so its absence above
	// means something.
	WaitJS(t, b.Ctx, "the iframe load in the host's resource timeline", `performance.getEntriesByType('resource').some((e) => e.name.includes(`+strconv.Quote(iframeURL)+`))`, 10*time.Second)
	checkWasmAfterLauncher(t, f, p)
	WaitJS(t, f.Ctx, "the banner online", BannerJS("online"), 10*time.Second)
	b.Shot(t, "2-open")

	stage("b. panel interactive")

	// c. A message there and a reply back.
	const hello, reply = "Hello from the browser test", "Hi! An agent here, replying over REST."
	Type(t, f.Ctx, hello)
	WaitJS(t, f.Ctx, "the hello sent", HasRowJS("mine", hello, "sent|read"), 10*time.Second)
	conv := e.Conversation(t)
	e.Node.Reply(t, conv.ID, reply, "browsertest-reply-1")
	WaitJS(t, f.Ctx, "the agent's reply shown", HasRowJS("theirs", reply, ""), 10*time.Second)
	b.Shot(t, "3-reply")

	stage("c. message sent, reply shown")

	// d. History survives a reload.
	ctx, cancel := context.WithTimeout(b.Ctx, 20*time.Second)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reload: %v", err)
	}
	cancel()
	p2 := WaitLauncher(t, b, 10*time.Second)
	t.Logf("after reload: launcher painted %.1f ms after navigation start", p2.Painted)
	if Eval[string](t, b.Ctx, `String(localStorage.getItem('parley:`+e.Site.Key+`:open'))`) != "1" {
		b.ClickLauncher(t) // the loader did not remember the open panel
	}
	f2 := b.WaitFrame(t, f.ID, 10*time.Second)
	WaitJS(t, b.Ctx, "the panel open after reload", panelOpenJS, 10*time.Second)
	WaitJS(t, f2.Ctx, "both messages back after reload",
		HasRowJS("mine", hello, "")+" && "+HasRowJS("theirs", reply, ""), 15*time.Second)
	WaitJS(t, f2.Ctx, "the banner online after reload", BannerJS("online"), 10*time.Second)
	if n := Eval[[2]int](t, f2.Ctx, "["+RowsJS("mine", hello, "")+", "+RowsJS("theirs", reply, "")+"]"); n != [2]int{1, 1} {
		t.Errorf("after reload the hello and the reply are shown %v times, want once each", n)
	}
	b.Shot(t, "4-reloaded")

	stage("d. history back after reload")

	// e. The server goes away and comes back.
	const offline = "sent while offline"
	outageStart := time.Now()
	if err := e.Node.Stop(); err != nil {
		t.Logf("stop: %v", err)
	}
	WaitJS(t, f2.Ctx, "the banner reconnecting while the server is down", BannerJS("reconnecting"), 15*time.Second)
	Type(t, f2.Ctx, offline)
	WaitJS(t, f2.Ctx, "the offline message shown as sending", HasRowJS("mine", offline, "sending"), 5*time.Second)
	b.Shot(t, "5-reconnecting")
	time.Sleep(time.Second) // a reconnect attempt or two fails meanwhile
	if !Eval[bool](t, f2.Ctx, HasRowJS("mine", offline, "sending")) {
		t.Fatalf("the offline message is no longer shown as sending while the server is still down: %s", dump(f2.Ctx))
	}
	stage("e. server stopped, message typed offline")
	e.Node.Restart(t)
	took := WaitJS(t, f2.Ctx, "the banner back online", BannerJS("back-online|online"), 20*time.Second)
	outageEnd := time.Now()
	t.Logf("server back → banner back online: %v", took.Round(time.Millisecond))
	WaitJS(t, f2.Ctx, "the offline message sent", HasRowJS("mine", offline, "sent|read"), 15*time.Second)
	b.Shot(t, "6-back-online")
	for _, body := range []string{hello, reply, offline} {
		if n := e.CountBody(t, conv.ID, body); n != 1 {
			t.Errorf("%q is stored %d times, want exactly once", body, n)
		}
	}
	time.Sleep(500 * time.Millisecond) // a late duplicate would show by now
	if n := Eval[int](t, f2.Ctx, RowsJS("mine", offline, "")); n != 1 {
		t.Errorf("%q is shown %d times, want once", offline, n)
	}

	stage("e. back online, offline message stored once")

	// f. No console errors, except failed reconnects during the outage.
	if bad := b.Console.Problems(outageNoise(outageStart, outageEnd)); len(bad) > 0 {
		for _, en := range bad {
			t.Errorf("console: %s", en)
		}
	}
	b.Console.Log(t)
}

// checkWasmAfterLauncher proves, on the browser's clock, that the iframe
// asked for the WASM only after the launcher was painted.
func checkWasmAfterLauncher(t *testing.T, f *Frame, p Probe) {
	t.Helper()
	WaitJS(t, f.Ctx, "the .wasm resource entry", `performance.getEntriesByType('resource').some((e) => /\.wasm(\?|$)/.test(e.name))`, 10*time.Second)
	w := Eval[[3]string](t, f.Ctx, WasmStartJS)
	origin, _ := strconv.ParseFloat(w[0], 64)
	start, _ := strconv.ParseFloat(w[1], 64)
	painted := p.TimeOrigin + p.Painted
	t.Logf("WASM request %s started %.1f ms after the launcher was painted", w[2], origin+start-painted)
	if start < 0 || origin+start <= painted {
		t.Fatalf("the WASM request started %.1f ms before the launcher was painted", painted-origin-start)
	}
}

// refused matches what Chromium logs when the widget's socket cannot reach
// the stopped server: "WebSocket connection to 'ws://…/ws/visitor'
// failed: …ERR_CONNECTION_REFUSED" and the like.
var refused = regexp.MustCompile(`ERR_CONNECTION_REFUSED|WebSocket connection to '[^']*/ws/visitor' failed`)

// outageNoise excuses, from the moment the server is stopped until shortly
// after the banner is back online, the errors Chromium itself logs for the
// widget's failed reconnect attempts (every refused dial is logged by the
// browser; a page cannot silence it). Nothing else is excused, and nothing
// outside that window.
func outageNoise(from, to time.Time) func(Entry) bool {
	to = to.Add(2 * time.Second)
	return func(e Entry) bool {
		return e.Where == "iframe" && !e.At.Before(from) && !e.At.After(to) && refused.MatchString(e.Msg.Text)
	}
}
