package consoletest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/browsertest"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

var built struct {
	once      sync.Once
	root, out string
	err       error
}

// assets builds the console app (and the stylesheets) once per test
// process into .cache/consoletest/dist, its own folder: the widget suite
// builds static/dist at the same time. Brotli at quality 5 keeps a rebuild
// quick; the served size is measured by `make assets`, not here.
func assets(t testing.TB) (root, dist string) {
	t.Helper()
	built.once.Do(func() {
		out, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			built.err = fmt.Errorf("go env GOMOD: %w", err)
			return
		}
		built.root = filepath.Dir(strings.TrimSpace(string(out)))
		built.out = filepath.Join(built.root, ".cache", "consoletest", "dist")
		cmd := exec.Command("go", "run", "./server/cmd/assets", "-out", built.out, "-wasm-brotli", "5",
			"-wasm", "console=./widget/cmd/console")
		cmd.Dir = built.root
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("building the console's assets: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.root, built.out
}

// startNode starts a node serving the console's build.
func startNode(t *testing.T) *servertest.Node {
	t.Helper()
	root, dist := assets(t)
	return servertest.Start(t, servertest.Options{Configure: func(c *config.Config) {
		c.AssetsDir = dist
		c.StaticDir = filepath.Join(root, "static")
	}})
}

// visitor is a native visitor client that records what it receives.
type visitor struct {
	c      *conn.Client
	mu     sync.Mutex
	events []conn.Event
}

// newVisitor connects a visitor of the node's site who says who they are
// (name "" for an anonymous one).
// addAgent adds an agent to n's store and returns it with its one-time
// password.
func addAgent(t testing.TB, n *servertest.Node, email, name, role string) (store.Agent, string) {
	t.Helper()
	a, password, err := admin.AddAgent(context.Background(), n.Server.Store, email, name, role)
	if err != nil {
		t.Fatal(err)
	}
	return a, password
}

func newVisitor(t *testing.T, n *servertest.Node, name, email string) *visitor {
	t.Helper()
	v := &visitor{}
	hello := protocol.Hello{Site: n.SiteKey, Page: protocol.Page{URL: servertest.SiteOrigin + "/orders", Title: "Your orders"}, Locale: "en-GB"}
	if name != "" {
		hello.Identity = &protocol.Identity{Name: name, Email: email}
	}
	v.c = conn.New(conn.Config{URL: n.WS + "/ws/visitor", Hello: hello, OnEvent: func(ev conn.Event) {
		v.mu.Lock()
		v.events = append(v.events, ev)
		v.mu.Unlock()
	}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = v.c.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return v
}

// say sends body (to conv, "" for a new conversation) and returns the
// conversation it went to.
func (v *visitor) say(t *testing.T, conv, body string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ack, err := v.c.SendWait(ctx, conv, body)
	if err != nil {
		t.Fatalf("visitor send %q: %v", body, err)
	}
	return ack.Conv
}

// waitEvent waits up to d for an event that ok accepts.
func (v *visitor) waitEvent(t *testing.T, what string, d time.Duration, ok func(conn.Event) bool) conn.Event {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		v.mu.Lock()
		for _, ev := range v.events {
			if ok(ev) {
				v.mu.Unlock()
				return ev
			}
		}
		v.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("the visitor did not receive %s within %v", what, d)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// received reports whether the visitor ever got a message containing text.
func (v *visitor) received(text string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, ev := range v.events {
		if ev.Kind == conn.EventMessage && strings.Contains(ev.Message.Msg.Body, text) {
			return true
		}
	}
	return false
}

// shot saves a screenshot of the tab as /tmp/parley-shots/console-name.png
// (and in the test's browser folder).
func shot(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	shotAs(t, b, "console-", name)
}

// shotAs saves a screenshot as /tmp/parley-shots/<prefix><name>.png and in
// the browser's folder.
func shotAs(t *testing.T, b *browsertest.Browser, prefix, name string) {
	t.Helper()
	time.Sleep(200 * time.Millisecond) // let the last frame paint
	ctx, cancel := context.WithTimeout(b.Ctx, 15*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.Shots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("/tmp/parley-shots", 0o755); err == nil {
		_ = os.WriteFile(filepath.Join("/tmp/parley-shots", prefix+name+".png"), png, 0o644)
	}
}

// do runs chromedp actions on the tab, failing the test on error.
func do(t *testing.T, b *browsertest.Browser, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// textJS is true when an element matching sel has text containing text.
func textJS(sel, text string) string {
	return fmt.Sprintf(`[...document.querySelectorAll(%q)].some((e) => e.textContent.includes(%q))`, sel, text)
}

// convJS is the selector of a conversation's row in the list.
func convJS(conv string) string { return fmt.Sprintf(`.conv[data-conv=%q]`, conv) }
