package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// ProbeJS runs at the start of every host document (Browser.OnNewDocument)
// and records, in the non-enumerable window.__parleyProbe, the moment the
// loader's <parley-chat> element enters the DOM, the resources requested
// by then, and the frame after it (when the launcher has been painted):
// whether the launcher is what a click in the corner hits.
const ProbeJS = `(() => {
  if (window.top !== window) return;
  const p = {};
  Object.defineProperty(window, '__parleyProbe', { value: p });
  const found = () => {
    p.inDOM = performance.now();
    p.timeOrigin = performance.timeOrigin;
    p.resources = performance.getEntriesByType('resource').map((e) => e.name);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const e = document.elementFromPoint(innerWidth - 52, innerHeight - 52);
      p.hit = !!e && e.localName === 'parley-chat';
      const h = document.querySelector('parley-chat');
      const r = h ? h.getBoundingClientRect() : { width: 0, height: 0 };
      p.rect = [r.width, r.height];
      p.painted = performance.now();
    }));
  };
  new MutationObserver((_, o) => {
    if (document.querySelector('parley-chat')) { o.disconnect(); found(); }
  }).observe(document, { childList: true, subtree: true });
})()`

// Probe is what ProbeJS recorded.
type Probe struct {
	InDOM      float64    `json:"inDOM"`   // ms from navigation start
	Painted    float64    `json:"painted"` // ms from navigation start, one frame after InDOM
	TimeOrigin float64    `json:"timeOrigin"`
	Resources  []string   `json:"resources"` // requested before InDOM
	Hit        bool       `json:"hit"`
	Rect       [2]float64 `json:"rect"`
}

// WaitLauncher waits for the probe to see the launcher painted.
func WaitLauncher(t testing.TB, b *Browser, d time.Duration) Probe {
	t.Helper()
	WaitJS(t, b.Ctx, "the launcher painted", `!!(window.__parleyProbe && window.__parleyProbe.painted)`, d)
	return Eval[Probe](t, b.Ctx, `window.__parleyProbe`)
}

// ComposerReadyJS is true when the widget's text box is laid out and
// enabled: the panel is interactive.
const ComposerReadyJS = `(() => { const c = document.querySelector('#composer'); return !!c && !c.disabled && c.getBoundingClientRect().width > 0 })()`

// WasmStartJS returns the iframe's [timeOrigin, start of the .wasm
// request relative to it (-1 if none), its URL].
const WasmStartJS = `(() => {
  const w = performance.getEntriesByType('resource').find((e) => /\.wasm(\?|$)/.test(e.name));
  return [String(performance.timeOrigin), String(w ? w.startTime : -1), w ? w.name : ''];
})()`

// rowsFn counts the message rows on side ("mine" or "theirs") whose bubble
// contains text and whose data-state is one of states ("" for any).
const rowsFn = `((side, text, states) => [...document.querySelectorAll('#messages .row.' + side)].filter((r) => {
  const b = r.querySelector('.bubble');
  return b && b.textContent.includes(text) && (!states || states.split('|').includes(r.dataset.state));
}).length)`

// RowsJS is the number of rows matching side, text and states.
func RowsJS(side, text, states string) string {
	return fmt.Sprintf("%s(%q, %q, %q)", rowsFn, side, text, states)
}

// HasRowJS is true when a row matches side, text and states.
func HasRowJS(side, text, states string) string { return RowsJS(side, text, states) + " > 0" }

// BannerJS is true when the connection banner is in one of states
// ("online|back-online").
func BannerJS(states string) string {
	return fmt.Sprintf(`(() => { const b = document.querySelector('#banner'); return !!b && %q.split('|').includes(b.dataset.state) })()`, states)
}

// Type types text into the composer of the widget in ctx (a Frame's, or
// the tab's when the widget page is loaded directly) and presses Enter.
func Type(t testing.TB, ctx context.Context, text string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#composer"), text+kb.Enter)); err != nil {
		t.Fatalf("typing %q: %v", text, err)
	}
}

// PixelAt returns the 8-bit RGB colour of a screenshot at x, y.
func PixelAt(t testing.TB, shot []byte, x, y int) [3]uint8 {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

// near reports whether two colours differ by at most tol in every channel.
func near(a, b [3]uint8, tol int) bool {
	for i := range a {
		if d := int(a[i]) - int(b[i]); d > tol || d < -tol {
			return false
		}
	}
	return true
}

// Stages returns a func that logs a stage's name with the time since the
// test began, so a slow run shows where the time went.
func Stages(t testing.TB) func(name string) {
	start := time.Now()
	return func(name string) {
		t.Helper()
		t.Logf("[+%5.1fs] %s", time.Since(start).Seconds(), name)
	}
}
