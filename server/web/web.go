// Package web serves what browsers load: the embed loader (/widget.js),
// the widget app inside its iframe (/w/KEY), the per-site launcher config,
// the agent console app (/console/), and the files crawlers ask for.
package web

import (
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/store"
)

// Cache lifetimes: the loader's URL never changes, so it stays short;
// versioned files are immutable.
const (
	loaderCache    = "public, max-age=300"
	immutableCache = "public, max-age=31536000, immutable"
)

// Handler serves the browser-facing routes.
type Handler struct {
	store    store.Store
	presence *chat.Presence
	assets   *Assets
	widget   *goApp
	console  *goApp
	log      *slog.Logger
}

// New returns a Handler serving the assets built into assetsDir. The apps
// are bound to the build present at start: `make assets` then a restart
// picks up a new one.
func New(st store.Store, presence *chat.Presence, assetsDir string, log *slog.Logger) (*Handler, error) {
	a := NewAssets(assetsDir)
	widget, err := newGoApp(a, "/w", "widget.wasm", "Chat", []string{"widget.css"})
	if err != nil {
		return nil, err
	}
	console, err := newGoApp(a, "/console", "console.wasm", "Parley", []string{"console.css"})
	if err != nil {
		return nil, err
	}
	for _, ga := range []*goApp{widget, console} {
		if ga.handler == nil {
			log.Warn("web: an app is not built; run `make assets`", "app", ga.wasm, "dir", assetsDir)
		}
	}
	return &Handler{store: st, presence: presence, assets: a, widget: widget, console: console, log: log}, nil
}

// Routes registers the handler's routes on r.
func (h *Handler) Routes(r chi.Router) {
	r.Get("/robots.txt", robots)
	r.Get("/sitemap.xml", sitemap)
	r.Get("/ads.txt", adsTxt)
	r.Get("/widget.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*") // a public script; no credentials
		h.assets.Serve(w, r, "widget.js", loaderCache)
	})
	r.Get("/w/{key}/config.json", h.config)
	h.widgetRoutes(r)
	h.consoleRoutes(r)
}
