package browsertest

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// hostStateJS describes what the host page owns and the widget must leave
// alone: the full computed style of some elements (the shop's hostile rules
// included), its globals, title, inline styles and stylesheets.
const hostStateJS = `(() => {
  const styles = {};
  for (const sel of ['html', 'body', 'header.top', 'h1', '.hero p', 'button.link', 'article button', 'a.button', 'nav a', 'footer']) {
    const el = document.querySelector(sel);
    if (!el) { styles[sel + ' (missing)'] = ''; continue; }
    const cs = getComputedStyle(el);
    for (const p of cs) styles[sel + ' { ' + p] = cs.getPropertyValue(p);
  }
  return JSON.stringify({
    styles,
    keys: Object.keys(window),
    names: Object.getOwnPropertyNames(window),
    title: document.title,
    htmlStyle: document.documentElement.getAttribute('style') || '',
    bodyStyle: document.body.getAttribute('style') || '',
    sheets: document.styleSheets.length,
    body: [...document.body.children].map((e) => e.localName).filter((n) => n !== 'parley-chat'),
    shopLoaded: window.shopLoaded === true,
    scroll: [scrollX, scrollY],
  });
})()`

type hostState struct {
	Styles     map[string]string `json:"styles"`
	Keys       []string          `json:"keys"`
	Names      []string          `json:"names"`
	Title      string            `json:"title"`
	HTMLStyle  string            `json:"htmlStyle"`
	BodyStyle  string            `json:"bodyStyle"`
	Sheets     int               `json:"sheets"`
	Body       []string          `json:"body"`
	ShopLoaded bool              `json:"shopLoaded"`
	Scroll     [2]float64        `json:"scroll"`
}

func readHost(t *testing.T, b *Browser) hostState {
	t.Helper()
	var s hostState
	if err := json.Unmarshal([]byte(Eval[string](t, b.Ctx, hostStateJS)), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHostPageUntouched checks the loader changes nothing of the customer's
// page besides adding <parley-chat> and replacing the Parley queue stub:
// computed styles, globals, title and stylesheets are the same as on the
// page without the snippet, with the launcher painted, with the panel open,
// and after it is closed again.
func TestHostPageUntouched(t *testing.T) {
	b := NewBrowser(t)
	e := NewEnv(t)
	defer func() {
		if t.Failed() {
			b.Console.Log(t)
		}
	}()

	b.Navigate(t, e.Host+"/?nowidget=1")
	WaitJS(t, b.Ctx, "the shop loaded", `window.shopLoaded === true && document.readyState === 'complete'`, 10*time.Second)
	base := readHost(t, b)
	if Eval[bool](t, b.Ctx, `!!document.querySelector('parley-chat')`) {
		t.Fatal("the page without the snippet has a launcher")
	}
	if !slices.Contains(base.Keys, "Parley") {
		t.Fatal("the demo page's queue stub (window.Parley) is missing from the baseline")
	}

	b.Navigate(t, e.Host+"/")
	WaitJS(t, b.Ctx, "the launcher painted", launcherHitJS, 10*time.Second)
	WaitJS(t, b.Ctx, "the site config answered", `performance.getEntriesByType('resource').some((e) => e.name.includes('/config.json') && e.responseEnd > 0)`, 10*time.Second)
	if !Eval[bool](t, b.Ctx, `typeof Parley === 'function' && Parley.loaded === true`) {
		t.Fatal("window.Parley is not the loader's API")
	}
	compareHost(t, "launcher painted", base, readHost(t, b))

	b.ClickLauncher(t)
	f := b.WaitFrame(t, "", 10*time.Second)
	WaitJS(t, f.Ctx, "the composer", ComposerReadyJS, 15*time.Second)
	WaitJS(t, b.Ctx, "the panel open", panelOpenJS, 5*time.Second)
	b.Shot(t, "open")
	compareHost(t, "panel open", base, readHost(t, b))

	b.ClickLauncher(t)
	WaitJS(t, b.Ctx, "the panel closed", `!`+panelOpenJS, 5*time.Second)
	b.Shot(t, "closed")
	compareHost(t, "panel closed", base, readHost(t, b))

	for _, en := range b.Console.Problems(nil) {
		t.Errorf("console: %s", en)
	}
}

// compareHost fails for every difference between the page without the
// snippet and the page at stage.
func compareHost(t *testing.T, stage string, base, now hostState) {
	t.Helper()
	n := 0
	for k, v := range base.Styles {
		if now.Styles[k] != v {
			if n++; n <= 20 {
				t.Errorf("%s: computed style %s } changed from %q to %q", stage, k, v, now.Styles[k])
			}
		}
	}
	if n > 20 {
		t.Errorf("%s: … %d computed style changes in all", stage, n)
	}
	if len(now.Styles) != len(base.Styles) {
		t.Errorf("%s: %d computed style entries, want %d", stage, len(now.Styles), len(base.Styles))
	}
	if added, removed := diff(base.Keys, now.Keys); len(added)+len(removed) > 0 {
		t.Errorf("%s: Object.keys(window) gained %q and lost %q (the loader's only global is Parley, already there as the stub)", stage, added, removed)
	}
	if added, removed := diff(base.Names, now.Names); len(added)+len(removed) > 0 {
		t.Errorf("%s: own properties of window gained %q and lost %q", stage, added, removed)
	}
	if now.Title != base.Title || now.HTMLStyle != base.HTMLStyle || now.BodyStyle != base.BodyStyle || now.Sheets != base.Sheets {
		t.Errorf("%s: title/inline styles/stylesheets changed: %q %q %q %d, want %q %q %q %d", stage,
			now.Title, now.HTMLStyle, now.BodyStyle, now.Sheets, base.Title, base.HTMLStyle, base.BodyStyle, base.Sheets)
	}
	if !slices.Equal(now.Body, base.Body) || !now.ShopLoaded || now.Scroll != base.Scroll {
		t.Errorf("%s: body children %q, shopLoaded %v, scroll %v; want %q, true, %v", stage, now.Body, now.ShopLoaded, now.Scroll, base.Body, base.Scroll)
	}
}

// diff returns what is in b and not a, and what is in a and not b.
func diff(a, b []string) (added, removed []string) {
	for _, s := range b {
		if !slices.Contains(a, s) {
			added = append(added, s)
		}
	}
	for _, s := range a {
		if !slices.Contains(b, s) {
			removed = append(removed, s)
		}
	}
	return added, removed
}
