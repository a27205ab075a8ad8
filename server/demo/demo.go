// Package demo serves a small customer shop on its own port with the Parley
// snippet in it, so that the first thing a newcomer sees is the widget
// embedded cross-origin, exactly as on a real customer's site.
package demo

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Handler serves the demo shop from dir (static/demo).
type Handler struct {
	dir        string
	chatOrigin string
	siteKey    string
}

// New returns the demo shop for the site with siteKey, whose chat server is
// at chatOrigin.
func New(dir, chatOrigin, siteKey string) *Handler {
	return &Handler{dir: dir, chatOrigin: chatOrigin, siteKey: siteKey}
}

// ServeHTTP serves index.html with the snippet filled in, and shop.css.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/", "/index.html":
		b, err := os.ReadFile(filepath.Join(h.dir, "index.html"))
		if err != nil {
			http.Error(w, "demo page missing: "+err.Error(), http.StatusInternalServerError)
			return
		}
		page := strings.NewReplacer("{{CHAT_ORIGIN}}", h.chatOrigin, "{{SITE_KEY}}", h.siteKey).Replace(string(b))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write([]byte(page))
	case "/shop.css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		http.ServeFile(w, r, filepath.Join(h.dir, "shop.css"))
	default:
		http.NotFound(w, r)
	}
}
