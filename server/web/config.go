package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// launcherConfig is what the loader needs to paint the launcher: the
// widget's look plus whether anyone is online.
type launcherConfig struct {
	*protocol.WidgetConfig
	Online     bool `json:"online"`
	ReplyTimeS int  `json:"reply_time_s"`
}

// config serves GET /w/{key}/config.json to the loader on the customer's
// page: only origins the site allows get an answer they can read.
func (h *Handler) config(w http.ResponseWriter, r *http.Request) {
	// Refusals carry CORS headers too: without them the browser hides the
	// status from the loader, which could not tell "go away" from a
	// network error.
	w.Header().Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if origin != "" {
		w.Header().Set("Access-Control-Allow-Origin", origin)
	}
	site, err := h.store.SiteByKey(r.Context(), chi.URLParam(r, "key"))
	if errors.Is(err, store.ErrNotFound) {
		jsonError(w, http.StatusNotFound, "not_found", "unknown site")
		return
	} else if err != nil {
		jsonError(w, http.StatusServiceUnavailable, "unavailable", "temporarily unavailable")
		return
	}
	if origin == "" || !allowedOrigin(site, origin) {
		jsonError(w, http.StatusForbidden, "forbidden", "this origin may not embed the site's chat")
		return
	}
	p := h.presence.Current()
	cfg := launcherConfig{WidgetConfig: chat.WidgetConfig(site), Online: p.Online, ReplyTimeS: p.ReplyTimeS}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_ = json.NewEncoder(w).Encode(cfg)
}

// allowedOrigin reports whether origin may embed site.
func allowedOrigin(site store.Site, origin string) bool {
	origin = strings.TrimSuffix(origin, "/")
	return slices.ContainsFunc(site.Origins, func(o string) bool { return strings.EqualFold(o, origin) })
}

func jsonError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"code": code, "error": msg})
}
