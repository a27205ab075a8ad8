package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// consoleCSP locks the agent console down: its own scripts, WebAssembly
// and sockets, no service worker, and no framing by anyone (clickjacking).
const consoleCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; worker-src 'none'; manifest-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// consolePage serves the console app's page; the app itself asks whether
// the agent is signed in.
func (h *Handler) consolePage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", consoleCSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Referrer-Policy", "same-origin")
	h.console.servePage(w, r)
}

// consoleRoutes mounts the console app under /console/.
func (h *Handler) consoleRoutes(r chi.Router) {
	r.Get("/console", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/console/", http.StatusMovedPermanently)
	})
	h.console.mount(r, h.assets, h.consolePage)
}
