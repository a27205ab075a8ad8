package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/store"
)

// widgetPage serves GET /w/{key}?o=<host origin>: the chat app inside the
// customer's iframe. Only the site's allowed origins may frame it: the
// browser enforces frame-ancestors, and a page asked for by another origin
// is refused outright.
func (h *Handler) widgetPage(w http.ResponseWriter, r *http.Request) {
	key, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/w/"), "/")
	site, err := h.store.SiteByKey(r.Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		http.Error(w, "unknown site", http.StatusNotFound)
		return
	} else if err != nil {
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	if o := r.URL.Query().Get("o"); o != "" && !allowedOrigin(site, o) {
		http.Error(w, "this origin may not embed the site's chat", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Security-Policy", widgetCSP(site.Origins))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "strict-origin")
	h.widget.servePage(w, r)
}

// widgetCSP locks the widget page down: its own scripts and WebAssembly,
// sockets back to this server, no service worker, and framing only by the
// site's allowed origins.
func widgetCSP(origins []string) string {
	ancestors := "'none'"
	if len(origins) > 0 {
		ancestors = strings.Join(origins, " ")
	}
	return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data:; connect-src 'self'; worker-src 'none'; manifest-src 'self'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors " + ancestors
}

// widgetRoutes mounts the widget app under /w/.
func (h *Handler) widgetRoutes(r chi.Router) {
	h.widget.mount(r, h.assets, h.widgetPage)
}
