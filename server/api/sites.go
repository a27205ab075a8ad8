package api

import (
	"net/http"
	"time"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/store"
)

type siteRequest struct {
	Name    string   `json:"name"`
	Origins []string `json:"origins"`
}

type siteJSON struct {
	ID        string    `json:"id"`
	Key       string    `json:"key"`
	Name      string    `json:"name"`
	Origins   []string  `json:"origins"`
	CreatedAt time.Time `json:"created_at"`
}

// createSite serves POST /sites (owner and admin tokens only).
func (h *handler) createSite(w http.ResponseWriter, r *http.Request) {
	if a := agentOf(r); a.Role != store.RoleOwner && a.Role != store.RoleAdmin {
		h.fail(w, r, errForbidden)
		return
	}
	var req siteRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := admin.CreateSite(r.Context(), h.store, req.Name, req.Origins)
	if admin.IsInvalid(err) {
		h.fail(w, r, badRequest(err.Error()))
		return
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, siteJSON{ID: s.ID, Key: s.Key, Name: s.Name, Origins: s.Origins, CreatedAt: s.CreatedAt.UTC()})
}
