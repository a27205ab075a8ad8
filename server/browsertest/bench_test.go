package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"

	"github.com/parley-chat/parley/server/internal/testenv"
)

// BenchmarkWidget reports the widget's budget figures (testing.md,
// "Performance budgets"); it asserts none of them, and ignores b.N:
//
//   - widget.js and widget.wasm bytes, brotli (static/dist/manifest.json);
//   - launcher painted, ms from navigation start, new profile;
//   - click → panel interactive (panel open on the host page and the
//     composer laid out in the iframe): cold (new profile, click as soon as
//     the launcher is painted), prefetched (new profile, click after 5 s,
//     when the idle prefetch has loaded the WASM) and warm (the same
//     profile reloaded, so everything is in the HTTP cache, click at once).
func BenchmarkWidget(b *testing.B) {
	testenv.Chromium(b) // skip before the build when there is no browser
	root := Assets(b)
	var manifest map[string]struct {
		Brotli int64 `json:"brotli_bytes"`
	}
	raw, err := os.ReadFile(filepath.Join(root, "static", "dist", "manifest.json"))
	if err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(raw, &manifest); err != nil {
		b.Fatal(err)
	}
	e := NewEnv(b)

	var paint, cold, prefetched, warm []float64
	for range BenchRounds() {
		br := NewBrowser(b)
		br.OnNewDocument(b, ProbeJS)
		br.Navigate(b, e.Host+"/")
		p := WaitLauncher(b, br, 10*time.Second)
		paint = append(paint, p.Painted)
		ms, f := clickToInteractive(b, br, "", nil)
		cold = append(cold, ms)
		closePanel(b, br)
		reloadClosed(b, br)
		ms, _ = clickToInteractive(b, br, f.ID, nil)
		warm = append(warm, ms)
		br.Close()

		br = NewBrowser(b)
		br.Navigate(b, e.Host+"/")
		WaitJS(b, br.Ctx, "the launcher painted", launcherHitJS, 10*time.Second)
		time.Sleep(5 * time.Second)
		f = br.WaitFrame(b, "", time.Second) // the idle prefetch made it
		WaitJS(b, f.Ctx, "the prefetched app mounted", ComposerReadyJS, 5*time.Second)
		ms, _ = clickToInteractive(b, br, "", f)
		prefetched = append(prefetched, ms)
		br.Close()
	}

	b.ReportMetric(float64(manifest["widget.js"].Brotli), "loader-br-bytes")
	b.ReportMetric(float64(manifest["widget.wasm"].Brotli), "wasm-br-bytes")
	b.ReportMetric(Median(paint), "paint-ms")
	b.ReportMetric(Median(cold), "click-cold-ms")
	b.ReportMetric(Median(prefetched), "click-prefetched-ms")
	b.ReportMetric(Median(warm), "click-warm-ms")
	b.ReportMetric(0, "ns/op")
	b.Logf("loader %d B brotli (budget 3 KB), WASM %d B brotli (budget 1.5 MB)", manifest["widget.js"].Brotli, manifest["widget.wasm"].Brotli)
	b.Logf("launcher painted: %v ms; click → interactive: cold %v ms (budget 2000), prefetched %v ms (budget 1000), warm %v ms",
		Rounded(paint), Rounded(cold), Rounded(prefetched), Rounded(warm))
}

// clickToInteractive clicks the launcher and returns the milliseconds
// until the panel is open on the host page and its composer is laid out.
// f is the already attached iframe, or nil to wait for one other than not
// after the click.
func clickToInteractive(b testing.TB, br *Browser, not target.ID, f *Frame) (float64, *Frame) {
	b.Helper()
	start := time.Now()
	br.ClickLauncher(b)
	if f == nil {
		f = br.WaitFrame(b, not, 10*time.Second)
	}
	WaitJS(b, f.Ctx, "the composer", ComposerReadyJS, 15*time.Second)
	WaitJS(b, br.Ctx, "the panel open", panelOpenJS, 5*time.Second)
	return float64(time.Since(start).Microseconds()) / 1000, f
}

func closePanel(b testing.TB, br *Browser) {
	b.Helper()
	br.ClickLauncher(b)
	WaitJS(b, br.Ctx, "the panel closed", `!`+panelOpenJS, 5*time.Second)
}

// reloadClosed reloads the host page (the loader remembers the panel
// closed) and waits for the launcher.
func reloadClosed(b testing.TB, br *Browser) {
	b.Helper()
	ctx, cancel := context.WithTimeout(br.Ctx, 20*time.Second)
	defer cancel()
	br.Navigate(b, Eval[string](b, ctx, `location.href`))
	WaitLauncher(b, br, 10*time.Second)
}
