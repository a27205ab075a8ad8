package browsertest

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestForeignOriginGetsNoChat: on a page whose origin the site does not
// allow, the loader removes itself once the config answers 403 and never
// loads the widget page; the server refuses the widget page for such an
// origin and lets only allowed origins frame it.
func TestForeignOriginGetsNoChat(t *testing.T) {
	b := NewBrowser(t)
	e := NewEnv(t)
	defer func() {
		if t.Failed() {
			b.Console.Log(t)
		}
	}()
	rec := e.Record(t)
	foreign := e.ShopOn(t, rec.URL, e.Site.Key)
	key := e.Site.Key

	b.Navigate(t, foreign+"/")
	WaitJS(t, b.Ctx, "the config request done", `performance.getEntriesByType('resource').some((e) => e.name.includes('/config.json') && e.responseEnd > 0)`, 10*time.Second)
	WaitJS(t, b.Ctx, "the launcher removed", `!document.querySelector('parley-chat')`, 5*time.Second)
	time.Sleep(5 * time.Second) // past the loader's idle prefetch (requestIdleCallback, 4 s timeout)
	Eval[chromedp.Void](t, b.Ctx, `Parley('open')`)
	time.Sleep(300 * time.Millisecond)
	if Eval[bool](t, b.Ctx, `!!document.querySelector('parley-chat') || window.shopLoaded !== true`) {
		t.Fatal("after a 403 config and Parley('open'), <parley-chat> is back or the shop page broke")
	}
	b.Shot(t, "foreign")

	var config bool
	for _, r := range rec.Requests() {
		switch {
		case r.Path == "/w/"+key+"/config.json":
			config = true
			if r.Status != http.StatusForbidden {
				t.Errorf("config.json for a foreign origin answered %d, want 403", r.Status)
			}
		case r.Path == "/w/"+key || strings.HasPrefix(r.Path, "/w/web/") || strings.HasSuffix(r.Path, ".wasm") || r.Path == "/ws/visitor":
			t.Errorf("the loader on a foreign page asked for %s?%s (answered %d)", r.Path, r.Query, r.Status)
		}
	}
	if !config {
		t.Errorf("no config.json request reached the server; requests: %+v", rec.Requests())
	}
	ctx, cancel := context.WithTimeout(b.Ctx, 5*time.Second)
	infos, err := chromedp.Targets(ctx)
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range infos {
		if strings.Contains(in.URL, "/w/") {
			t.Errorf("a widget target exists on the foreign page: %s %s", in.Type, in.URL)
		}
	}
	// Chromium logs the 403 itself ("Failed to load resource"); the loader
	// only warns. Nothing else may be logged as an error.
	for _, en := range b.Console.Problems(func(en Entry) bool {
		return strings.Contains(en.Msg.URL, "/config.json") && strings.Contains(en.Msg.Text, "403")
	}) {
		t.Errorf("console: %s", en)
	}

	checkWidgetPageHTTP(t, e, foreign)
	b.Console.Log(t)
}

// checkWidgetPageHTTP checks the server's answers to the loader's requests
// for an allowed and a foreign origin.
func checkWidgetPageHTTP(t *testing.T, e *Env, foreign string) {
	t.Helper()
	page := e.Chat + "/w/" + e.Site.Key
	get := func(u, origin string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			t.Fatal(err)
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := get(page+"?o="+url.QueryEscape(foreign), ""); r.StatusCode != http.StatusForbidden {
		t.Errorf("GET /w/KEY?o=<foreign> answered %d, want 403", r.StatusCode)
	}
	for _, u := range []string{page + "?o=" + url.QueryEscape(e.Host), page} {
		r := get(u, "")
		csp := r.Header.Get("Content-Security-Policy")
		if r.StatusCode != http.StatusOK || !strings.Contains(csp, "frame-ancestors "+e.Host) || strings.Contains(csp, foreign) {
			t.Errorf("GET %s: %d, CSP %q; want 200 with frame-ancestors %s only", u, r.StatusCode, csp, e.Host)
		}
	}
	if r := get(page+"/config.json", foreign); r.StatusCode != http.StatusForbidden {
		t.Errorf("config.json with Origin %s answered %d, want 403", foreign, r.StatusCode)
	}
	if r := get(page+"/config.json", e.Host); r.StatusCode != http.StatusOK || r.Header.Get("Access-Control-Allow-Origin") != e.Host {
		t.Errorf("config.json with Origin %s: %d, ACAO %q; want 200 and the origin", e.Host, r.StatusCode, r.Header.Get("Access-Control-Allow-Origin"))
	}
}

// TestForeignPageCannotFrameWidget: a foreign page that frames the widget
// itself, claiming an allowed origin in ?o=, gets it refused by the
// browser (CSP frame-ancestors), so the app never runs there.
func TestForeignPageCannotFrameWidget(t *testing.T) {
	b := NewBrowser(t)
	e := NewEnv(t)
	foreign := e.ShopOn(t, e.Chat, e.Site.Key)
	src := e.Chat + "/w/" + e.Site.Key + "?o=" + url.QueryEscape(e.Host)
	b.Navigate(t, foreign+"/frame?src="+url.QueryEscape(src))
	deadline := time.Now().Add(10 * time.Second)
	for {
		var refused bool
		for _, en := range b.Console.Entries() {
			refused = refused || en.Where == "page" && strings.Contains(en.Msg.Text, "frame-ancestors")
		}
		if refused {
			break
		}
		if time.Now().After(deadline) {
			b.Console.Log(t)
			t.Fatalf("no frame-ancestors refusal logged for %s framed by %s", src, foreign)
		}
		time.Sleep(50 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(b.Ctx, 5*time.Second)
	infos, err := chromedp.Targets(ctx)
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	// The blocked frame keeps its target, with Chromium's error page in it.
	for _, in := range infos {
		if in.Type == "iframe" && strings.HasPrefix(in.URL, e.Chat+"/w/") {
			fctx := b.Attach(t, in.TargetID).Ctx
			WaitJS(t, fctx, "the frame's document settled", `document.readyState === 'complete'`, 5*time.Second)
			got := Eval[[2]string](t, fctx, `[location.href, String(!!document.querySelector('#parley-app, script[src*="wasm_exec"]'))]`)
			t.Logf("framed widget target: document %s", got[0])
			if got[1] == "true" || strings.HasPrefix(got[0], e.Chat) {
				t.Errorf("the widget page loaded in a foreign page's frame: document %s", got[0])
			}
		}
	}
	b.Shot(t, "framed")
}
