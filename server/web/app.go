package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The go-app handler serves an app's page, app.js, wasm_exec.js and
// manifest. Parley's apps are compiled from their own main packages
// (widget/cmd/...) with no server code in them; the server only needs a
// route for go-app to accept page paths, and prerenders an empty stub that
// the WebAssembly app replaces.

type stub struct{ app.Compo }

func (*stub) Render() app.UI { return app.Div() }

// RegisterStubRoute makes go-app's handler accept every page path. go-app
// keeps routes in a package-level table, so this is called once per
// process (server.New).
func RegisterStubRoute() { app.RouteWithRegexp("^/.*", func() app.Composer { return &stub{} }) }

// prefixResolver maps go-app's resource paths under an app's URL prefix:
// "/" → "/w", "/web/x" → "/w/web/<version>/x" (immutable), "/app.js" →
// "/w/app.js". It must not implement http.Handler, or go-app would hand it
// requests and proxy crawler files from the request's Host.
type prefixResolver struct{ prefix, version string }

func (r prefixResolver) Resolve(loc string) string {
	switch {
	case strings.HasPrefix(loc, "https://"), strings.HasPrefix(loc, "http://"), loc == "":
		return loc
	case loc == "/":
		return r.prefix
	case loc == "/web" || loc == "web":
		return r.prefix + "/web/" + r.version
	case strings.HasPrefix(loc, "/web/") || strings.HasPrefix(loc, "web/"):
		rest := strings.TrimPrefix(strings.TrimPrefix(loc, "/"), "web/")
		return r.prefix + "/web/" + r.version + "/" + rest
	case strings.HasPrefix(loc, "/"):
		return r.prefix + loc
	}
	return loc
}

// goApp is one go-app application mounted under a prefix.
type goApp struct {
	prefix  string // "/w"
	wasm    string // asset name of the compiled app, "widget.wasm"
	title   string
	styles  []string // asset names of stylesheets
	handler *app.Handler
	appJS   []byte // app.js without the service worker registration
}

// swCall is the service worker registration go-app's app.js makes; the
// widget must not install a worker on the chat server's origin (design §6).
const swCall = "goappInitServiceWorker();\n"

func newGoApp(a *Assets, prefix, wasm, title string, styles []string) (*goApp, error) {
	ga := &goApp{prefix: prefix, wasm: wasm, title: title, styles: styles}
	version := a.Version(wasm)
	if version == "" {
		return ga, nil // not built: pages answer 503 until `make assets` ran
	}
	h := &app.Handler{
		Name: title, ShortName: title, Title: title, Version: version,
		Resources:         prefixResolver{prefix: prefix, version: version},
		Icon:              app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg", Large: "/web/icon.svg"},
		BackgroundColor:   "#ffffff",
		ThemeColor:        "#ffffff",
		LoadingLabel:      " ",
		WasmContentLength: strconv.FormatInt(a.Manifest()[wasm].Bytes, 10),
		Styles:            prefixed("/web/", styles),
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
	js := rec.Body.String()
	if strings.Count(js, swCall) != 1 {
		return nil, fmt.Errorf("web: go-app's app.js changed: %q not found exactly once", swCall)
	}
	ga.handler, ga.appJS = h, []byte(strings.Replace(js, swCall, "", 1))
	return ga, nil
}

func prefixed(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = dir + n
	}
	return out
}

// mount registers the app's routes; page serves its HTML page.
func (ga *goApp) mount(mux chi.Router, a *Assets, page http.HandlerFunc) {
	mux.HandleFunc(ga.prefix+"/web/*", func(w http.ResponseWriter, r *http.Request) { ga.webFile(w, r, a) })
	mux.HandleFunc(ga.prefix+"/app.js", ga.serveAppJS)
	mux.HandleFunc(ga.prefix+"/app.css", ga.servePage) // go-app's loading-screen styles
	mux.HandleFunc(ga.prefix+"/app-worker.js", http.NotFound)
	mux.HandleFunc(ga.prefix+"/manifest.webmanifest", ga.manifest)
	mux.HandleFunc(ga.prefix+"/wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		a.Serve(w, r, "wasm_exec.js", "no-cache")
	})
	for _, p := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt"} {
		mux.Handle(ga.prefix+p, http.NotFoundHandler())
	}
	mux.HandleFunc(ga.prefix+"/*", page)
}

// webFile serves <prefix>/web/<version>/<name>: the compiled app as
// app.wasm, and the shared icons and stylesheets.
func (ga *goApp) webFile(w http.ResponseWriter, r *http.Request, a *Assets) {
	rest := strings.TrimPrefix(r.URL.Path, ga.prefix+"/web/")
	ver, name, ok := strings.Cut(rest, "/")
	name = path.Clean("/" + name)[1:]
	if !ok || name == "" {
		http.NotFound(w, r)
		return
	}
	cache := immutableCache
	if ga.handler == nil || ver != ga.handler.Version {
		cache = "no-cache" // a stale page asking for an old version
	}
	switch {
	case name == "app.wasm":
		w.Header().Set("Content-Type", "application/wasm")
		a.Serve(w, r, ga.wasm, cache)
	case name == "icon.svg":
		a.Serve(w, r, "icon.svg", cache)
	default:
		a.Serve(w, r, name, cache)
	}
}

func (ga *goApp) serveAppJS(w http.ResponseWriter, r *http.Request) {
	if ga.handler == nil {
		http.Error(w, "the app is not built: run `make assets`", http.StatusServiceUnavailable)
		return
	}
	etag := `"` + ga.handler.Version + `"`
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(ga.appJS)
}

// manifest is not installable: the widget lives in an iframe, and go-app's
// installable manifest makes Chromium log about the install prompt.
func (ga *goApp) manifest(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/manifest+json")
	fmt.Fprintf(w, `{"name":%q,"display":"browser"}`, ga.title)
}

// servePage serves the app's HTML page through go-app.
func (ga *goApp) servePage(w http.ResponseWriter, r *http.Request) {
	if ga.handler == nil {
		http.Error(w, "the chat app is not built yet: run `make assets`", http.StatusServiceUnavailable)
		return
	}
	http.StripPrefix(ga.prefix, ga.handler).ServeHTTP(w, r)
}
