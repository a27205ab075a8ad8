package account

import (
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/store"
)

// An agent's own API tokens (REST v1): listed without their secret,
// created with it shown once, revoked. Any agent manages their own only.

type tokenJSON struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

func toToken(t store.Token) tokenJSON {
	out := tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt.UTC()}
	if !t.RevokedAt.IsZero() {
		r := t.RevokedAt.UTC()
		out.RevokedAt = &r
	}
	return out
}

// listTokens serves GET /tokens.
func (h *Handler) listTokens(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.store.ListTokens(r.Context(), signedInAgent(r).agent.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]tokenJSON, 0, len(list))
	for _, t := range list {
		out = append(out, toToken(t))
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": out})
}

// createToken serves POST /tokens {"name"}: the token in clear, once.
func (h *Handler) createToken(w http.ResponseWriter, r *http.Request) {
	var req struct{ Name string }
	if err := decodeJSON(w, r, &req, `{"name"}`); err != nil {
		h.reply(w, r, err)
		return
	}
	name := strings.TrimSpace(req.Name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		h.reply(w, r, badRequest("name: must be 1..100 characters"))
		return
	}
	secret := auth.NewAPIToken()
	t, err := h.svc.store.CreateToken(r.Context(), store.Token{AgentID: signedInAgent(r).agent.ID, Name: name, Hash: auth.HashToken(secret)})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": toToken(t), "secret": secret})
}

// revokeToken serves DELETE /tokens/{id}: one of the agent's own.
func (h *Handler) revokeToken(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	list, err := h.svc.store.ListTokens(r.Context(), signedInAgent(r).agent.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, t := range list {
		if t.ID == id {
			if err := h.svc.store.RevokeToken(r.Context(), id); err != nil && !errors.Is(err, store.ErrNotFound) {
				h.fail(w, r, err)
				return
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	h.reply(w, r, notFound("no such token"))
}

// patchMe serves PATCH /me {"name"}: the agent's own display name.
func (h *Handler) patchMe(w http.ResponseWriter, r *http.Request) {
	var req struct{ Name string }
	if err := decodeJSON(w, r, &req, `{"name"}`); err != nil {
		h.reply(w, r, err)
		return
	}
	name := strings.TrimSpace(req.Name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		h.reply(w, r, badRequest("name: must be 1..100 characters"))
		return
	}
	a := signedInAgent(r).agent
	a.Name = name
	a, err := h.svc.store.UpdateAgent(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"agent": toAgent(a)})
}
