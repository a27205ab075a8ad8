package browsertest

import (
	"context"
	"fmt"
	"log"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/parley-chat/parley/server/internal/testenv"
)

// Browser is one headless Chromium with a fresh profile and one tab.
type Browser struct {
	Ctx     context.Context // the tab; derive timeouts from it
	Console *Console        // what the tab and every attached iframe logged
	Shots   string          // screenshot directory (a t.TempDir)
	close   func()
}

// NewBrowser starts Chromium (skipping, or failing under
// PARLEY_TEST_REQUIRE, when there is none) with a new profile, 1280×800.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	path := testenv.Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 800),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	console := &Console{}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(quietErrorf), chromedp.WithListener(console.Listener("page")))
	b := &Browser{Ctx: ctx, Console: console, Shots: t.TempDir(), close: sync.OnceFunc(func() { cancel(); acancel() })}
	t.Cleanup(b.Close)
	firstRun(t, ctx, b.Close, "starting chromium")
	return b
}

// firstRun runs nothing on ctx, which starts its browser or attaches its
// target. That first run binds the browser's or target's life to its
// context, so it cannot carry a timeout: it is bounded here instead, and
// stop ends it when it takes too long.
func firstRun(t testing.TB, ctx context.Context, stop func(), what string) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	case <-time.After(30 * time.Second):
		stop()
		t.Fatalf("%s: no answer after 30s", what)
	}
}

// Close stops the browser; the test's end does it too.
func (b *Browser) Close() { b.close() }

// Navigate loads url in the tab and waits for its load event.
func (b *Browser) Navigate(t testing.TB, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate %s: %v", url, err)
	}
}

// OnNewDocument runs js at the start of every document the tab loads.
func (b *Browser) OnNewDocument(t testing.TB, js string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		t.Fatal(err)
	}
}

// Shot screenshots the tab (iframes included) as name. It waits a few
// frames first: the out-of-process iframe's latest frame reaches the
// tab's compositor a frame or two after its DOM changed.
func (b *Browser) Shot(t testing.TB, name string) []byte {
	t.Helper()
	time.Sleep(250 * time.Millisecond)
	ctx, cancel := context.WithTimeout(b.Ctx, 15*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	SaveShot(t, b.Shots, name, png)
	return png
}

// launcherJS is where the launcher's centre is: 24px from the bottom right
// corner plus half of its 56px.
const launcherJS = `[innerWidth - 52, innerHeight - 52]`

// ClickLauncher clicks the launcher by coordinates: it lives in a closed
// shadow root, out of reach of selectors.
func (b *Browser) ClickLauncher(t testing.TB) {
	t.Helper()
	xy := Eval[[2]float64](t, b.Ctx, launcherJS)
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(xy[0], xy[1])); err != nil {
		t.Fatalf("click launcher: %v", err)
	}
}

// launcherHitJS reports whether the launcher is what a click at its place
// would hit: painted, on top, and not hidden by the host page's CSS.
const launcherHitJS = `(() => { const e = document.elementFromPoint(innerWidth - 52, innerHeight - 52); return !!e && e.localName === 'parley-chat' })()`

// panelOpenJS reports whether the open panel is what a click in its middle
// would hit; a closed panel has visibility:hidden and pointer-events:none.
const panelOpenJS = `(() => { const e = document.elementFromPoint(innerWidth - 24 - 190, innerHeight - 96 - 200); return !!e && e.localName === 'parley-chat' })()`

// Eval evaluates js in ctx (a tab or a frame) and decodes its value.
func Eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", clip(js, 200), err)
	}
	return v
}

// WaitJS evaluates the boolean expression js in ctx every 15ms until it is
// true and returns how long that took. After d it fails, showing what the
// widget (or the page) looked like.
func WaitJS(t testing.TB, ctx context.Context, what, js string, d time.Duration) time.Duration {
	t.Helper()
	took, err := waitJS(ctx, js, d)
	if err != nil {
		t.Fatalf("waiting %v for %s: %v\nstate: %s", d, what, err, dump(ctx))
	}
	return took
}

func waitJS(ctx context.Context, js string, d time.Duration) (time.Duration, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var last error
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return time.Since(start), nil
		}
		if err != nil {
			last = err // e.g. the context went away during a navigation
		}
		select {
		case <-ctx.Done():
			if last == nil {
				last = ctx.Err()
			}
			return 0, last
		case <-time.After(15 * time.Millisecond):
		}
	}
}

// dump describes the widget app, or the page, for failure messages.
func dump(ctx context.Context) string {
	c, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
	defer cancel()
	s, err := chromedp.Run(c, chromedp.Evaluate[string](`(() => {
		const a = document.querySelector('#parley-app');
		if (a) return a.outerHTML.slice(0, 6000);
		return location.href + ' ' + document.readyState + ' ' + (document.body ? document.body.innerText.slice(0, 1000) : '');
	})()`))
	if err != nil {
		return "(unavailable: " + err.Error() + ")"
	}
	return s
}

// Frame is the widget iframe, attached as its own target: it is cross-site,
// so it runs out of process and the tab's session cannot reach into it.
type Frame struct {
	Ctx context.Context
	ID  target.ID
}

// WaitFrame waits up to d for a widget iframe target (URL containing /w/)
// other than not, attaches to it and watches its console.
func (b *Browser) WaitFrame(t testing.TB, not target.ID, d time.Duration) *Frame {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		ctx, cancel := context.WithTimeout(b.Ctx, 5*time.Second)
		infos, err := chromedp.Targets(ctx)
		cancel()
		if err != nil {
			t.Fatalf("targets: %v", err)
		}
		for _, in := range infos {
			if in.Type == "iframe" && strings.Contains(in.URL, "/w/") && in.TargetID != not {
				return b.Attach(t, in.TargetID)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no widget iframe target after %v; targets: %s", d, describeTargets(infos))
		}
		time.Sleep(15 * time.Millisecond)
	}
}

// Attach attaches to the target id (an iframe) and records its console,
// from its start, as "iframe". Ending the test detaches, leaving the frame.
func (b *Browser) Attach(t testing.TB, id target.ID) *Frame {
	t.Helper()
	fctx, fcancel := chromedp.NewContext(b.Ctx, chromedp.WithTargetID(id),
		chromedp.WithDetachOnCancel(), chromedp.WithListener(b.Console.Listener("iframe")))
	t.Cleanup(fcancel)
	firstRun(t, fctx, fcancel, "attaching to iframe "+string(id))
	return &Frame{Ctx: fctx, ID: id}
}

func describeTargets(infos []*target.Info) string {
	var s []string
	for _, in := range infos {
		s = append(s, in.Type+" "+in.URL)
	}
	return strings.Join(s, "; ")
}

// quietErrorf prints chromedp's internal errors except one that attaching
// to an iframe target causes and that means nothing here: the target's
// DOM domain reports its document before chromedp has learnt its frame.
func quietErrorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "no top-level frame") {
		log.Print("chromedp: " + msg)
	}
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
