package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parley-chat/parley/server/internal/testenv"
)

// Accessibility audits with axe-core, shared by the widget's and the
// console's browser tests.

// AxeSource returns axe-core's axe.min.js, installing axe-core@4 from npm
// into <root>/.cache/axe the first time. Without npm the test skips, or
// fails when PARLEY_TEST_REQUIRE asks for all (or npm).
func AxeSource(t testing.TB) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, ".cache", "axe")
	file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(file); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			const hint = "install with: apt-get install -y --no-install-recommends npm"
			if testenv.Required("npm") {
				t.Fatalf("npm is not on PATH and PARLEY_TEST_REQUIRE=%q demands it; %s", os.Getenv("PARLEY_TEST_REQUIRE"), hint)
			}
			t.Skipf("npm is not on PATH, so axe-core cannot be installed; skipping; %s", hint)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, npm, "install", "--prefix", dir, "--no-audit", "--no-fund", "axe-core@4").CombinedOutput()
		if err != nil {
			t.Fatalf("npm install axe-core@4: %v\n%s", err, out)
		}
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// axeRunJS runs axe on the document with the WCAG 2.1 A/AA and best
// practice rules and returns the violations as JSON.
const axeRunJS = `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } })
  .then((r) => JSON.stringify(r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
  }))))`

// Violation is one axe rule broken, with the elements that break it.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// RunAxe injects axe into ctx's document and runs it. The widget page's
// CSP (script-src 'self') does not apply to DevTools evaluation, so axe
// is evaluated as source rather than loaded with a <script> tag.
func RunAxe(t testing.TB, ctx context.Context, src string) []Violation {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		t.Fatalf("injecting axe: %v", err)
	}
	if !Eval[bool](t, ctx, `typeof axe === 'object' && typeof axe.run === 'function'`) {
		t.Fatal("axe is not defined after injection")
	}
	out, err := chromedp.Run(c, chromedp.Evaluate[string](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

// ReportAxe logs every violation and fails for serious and critical ones.
func ReportAxe(t testing.TB, where string, vs []Violation) {
	t.Helper()
	for _, v := range vs {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, fmt.Sprint(n.Target...))
		}
		line := where + ": " + v.Impact + " " + v.ID + ": " + v.Help + " — " + strings.Join(targets, ", ")
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe %s\n  e.g. %s\n  %s", line, clip(v.Nodes[0].HTML, 300), strings.ReplaceAll(v.Nodes[0].Summary, "\n", "\n  "))
		} else {
			t.Logf("axe %s", line)
		}
	}
	t.Logf("axe %s: %d violations", where, len(vs))
}
