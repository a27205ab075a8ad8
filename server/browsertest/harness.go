// Package browsertest drives the real widget in headless Chromium: the
// loader on a customer page served from one site (http://localhost:PORT),
// the widget iframe from the chat server on another (http://127.0.0.1:PORT),
// so the iframe is cross-site and runs out of process, as on a real
// customer's page. See /work/shared/testing.md, level "browser".
//
// harness.go builds the assets and starts the servers; browser.go starts
// Chromium and holds the chromedp helpers.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/demo"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

var built struct {
	once sync.Once
	root string
	err  error
}

// Assets runs the assets tool (`make assets`) once per test process into
// the repository's static/dist and returns the module root. The tool skips
// unchanged work, so this is quick after the first build (~25 s).
func Assets(t testing.TB) (root string) {
	t.Helper()
	built.once.Do(func() {
		if built.root, built.err = moduleRoot(); built.err != nil {
			return
		}
		cmd := exec.Command("go", "run", "./server/cmd/assets", "-out", "static/dist", "-wasm", "widget=./widget/cmd/visitor")
		cmd.Dir = built.root
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("building assets: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.root
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}

// Env is a chat node plus a customer shop page on another site.
type Env struct {
	Root string // module root
	Node *servertest.Node
	Site store.Site // the site whose allowed origin is Host
	Chat string     // chat server origin, http://127.0.0.1:PORT
	Host string     // customer page origin, http://localhost:PORT
}

// NewEnv builds the assets, starts an in-process node serving them, and a
// demo shop page (static/demo) on http://localhost:PORT that embeds a site
// allowing exactly that origin.
func NewEnv(t testing.TB) *Env {
	t.Helper()
	root := Assets(t)
	n := servertest.Start(t, servertest.Options{Configure: func(c *config.Config) {
		c.AssetsDir = filepath.Join(root, "static", "dist")
		c.StaticDir = filepath.Join(root, "static")
	}})
	e := &Env{Root: root, Node: n, Chat: n.URL}
	l := listenLocalhost(t)
	e.Host = "http://" + l.Addr().String()
	site, err := admin.CreateSite(context.Background(), n.Server.Store, "Shop", []string{e.Host})
	if err != nil {
		t.Fatal(err)
	}
	e.Site = site
	e.serveShop(t, l, e.Chat, site.Key)
	return e
}

// ShopOn serves the demo shop embedding siteKey from the chat server at
// chat on a new localhost port, and returns its origin: a page on an origin
// the site does not allow.
func (e *Env) ShopOn(t testing.TB, chat, siteKey string) string {
	t.Helper()
	l := listenLocalhost(t)
	e.serveShop(t, l, chat, siteKey)
	return "http://" + l.Addr().String()
}

// serveShop serves the demo shop (server/demo) on l. Two extra pages help
// the tests: /?nowidget=1 is the shop without the widget's script tag (the
// page as it is before the loader runs), and /frame?src=URL a page that
// frames URL directly.
func (e *Env) serveShop(t testing.TB, l net.Listener, chat, siteKey string) {
	t.Helper()
	shop := demo.New(filepath.Join(e.Root, "static", "demo"), chat, siteKey)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/frame":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<!doctype html><title>frame</title><iframe src=%q width=400 height=600></iframe>", r.URL.Query().Get("src"))
		case r.URL.Query().Has("nowidget"):
			rec := httptest.NewRecorder()
			shop.ServeHTTP(rec, r)
			page := loaderTag.ReplaceAllString(rec.Body.String(), "")
			if page == rec.Body.String() {
				http.Error(w, "browsertest: no loader script tag found in the demo page", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, page)
		default:
			shop.ServeHTTP(w, r)
		}
	})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
}

// loaderTag is the snippet's script tag in the demo page.
var loaderTag = regexp.MustCompile(`<script async src="[^"]*/widget\.js"[^>]*></script>`)

// Recorder is a reverse proxy in front of the chat node that remembers
// every request, so a test can prove what the browser never asked for.
type Recorder struct {
	URL  string // its origin, http://127.0.0.1:PORT
	mu   sync.Mutex
	seen []Request
}

// Request is one request the Recorder passed on.
type Request struct {
	Method, Path, Query string
	Status              int
}

// Record starts a Recorder in front of the node until the test ends.
func (e *Env) Record(t testing.TB) *Recorder {
	t.Helper()
	to, err := url.Parse(e.Chat)
	if err != nil {
		t.Fatal(err)
	}
	rec := &Recorder{}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(to) },
		ModifyResponse: func(resp *http.Response) error {
			r := resp.Request
			rec.mu.Lock()
			rec.seen = append(rec.seen, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: resp.StatusCode})
			rec.mu.Unlock()
			return nil
		},
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	rec.URL = srv.URL
	return rec
}

// Requests returns what passed so far.
func (r *Recorder) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.seen...)
}

// listenLocalhost listens on 127.0.0.1 and names the address "localhost",
// a different site from the chat server's 127.0.0.1 for the browser.
func listenLocalhost(t testing.TB) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return &namedListener{Listener: l, addr: fmt.Sprintf("localhost:%d", l.Addr().(*net.TCPAddr).Port)}
}

type namedListener struct {
	net.Listener
	addr string
}

func (l *namedListener) Addr() net.Addr { return hostAddr(l.addr) }

type hostAddr string

func (a hostAddr) Network() string { return "tcp" }
func (a hostAddr) String() string  { return string(a) }

// Conversation waits until the site has a conversation and returns it.
func (e *Env) Conversation(t testing.TB) store.Conversation {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		cs, err := e.Node.Server.Store.ListConversations(context.Background(), store.ConversationFilter{SiteIDs: []string{e.Site.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) > 0 {
			return cs[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no conversation for site %s after 10s", e.Site.ID)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Messages returns every message of conv in seq order.
func (e *Env) Messages(t testing.TB, conv string) []store.Message {
	t.Helper()
	var all []store.Message
	for after := int64(0); ; {
		ms, err := e.Node.Server.Store.MessagesAfter(context.Background(), conv, after, 200)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 {
			return all
		}
		all = append(all, ms...)
		after = ms[len(ms)-1].Seq
	}
}

// CountBody counts the stored messages of conv whose body is body.
func (e *Env) CountBody(t testing.TB, conv, body string) int {
	t.Helper()
	n := 0
	for _, m := range e.Messages(t, conv) {
		if m.Body == body {
			n++
		}
	}
	return n
}

// shotsDir is where screenshots are copied for people to look at.
const shotsDir = "/tmp/parley-shots"

// SaveShot writes png as name.png under dir (a t.TempDir) and copies it to
// /tmp/parley-shots/<test>-<name>.png.
func SaveShot(t testing.TB, dir, name string, png []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		t.Logf("screenshot copy: %v", err)
		return
	}
	dst := filepath.Join(shotsDir, strings.ReplaceAll(t.Name(), "/", "_")+"-"+name+".png")
	if err := os.WriteFile(dst, png, 0o644); err != nil && !errors.Is(err, os.ErrPermission) {
		t.Logf("screenshot copy: %v", err)
	}
}
