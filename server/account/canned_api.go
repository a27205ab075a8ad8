package account

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/store"
)

// Canned responses: every agent reads them (the composer's picker);
// owners and admins write them (requireAdmin on the routes).

// Limits of a canned response.
const (
	maxShortcut    = 32
	maxCannedTitle = 100
	maxCannedBody  = 4000
)

type cannedJSON struct {
	ID        string    `json:"id"`
	Shortcut  string    `json:"shortcut"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	CreatedBy string    `json:"created_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toCanned(c store.CannedResponse) cannedJSON {
	return cannedJSON{ID: c.ID, Shortcut: c.Shortcut, Title: c.Title, Body: c.Body, CreatedBy: c.CreatedBy, UpdatedAt: c.UpdatedAt.UTC()}
}

type cannedRequest struct {
	Shortcut string `json:"shortcut"`
	Title    string `json:"title"`
	Body     string `json:"body"`
}

const cannedHint = `{"shortcut", "title", "body"}`

// validCanned trims the request and checks every field.
func validCanned(req cannedRequest) (cannedRequest, error) {
	req.Shortcut, req.Title, req.Body = strings.TrimPrefix(strings.TrimSpace(req.Shortcut), "/"), strings.TrimSpace(req.Title), strings.TrimSpace(req.Body)
	switch {
	case req.Shortcut == "" || len(req.Shortcut) > maxShortcut || strings.IndexFunc(req.Shortcut, notShortcutRune) >= 0:
		return req, badRequest("shortcut: must be 1..32 letters, digits, - or _")
	case req.Title == "" || utf8.RuneCountInString(req.Title) > maxCannedTitle:
		return req, badRequest("title: must be 1..100 characters")
	case req.Body == "" || utf8.RuneCountInString(req.Body) > maxCannedBody:
		return req, badRequest("body: must be 1..4000 characters")
	}
	return req, nil
}

func notShortcutRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
}

// storeCanned maps the store's errors onto what the API says.
func storeCanned(op string, err error) error {
	switch {
	case errors.Is(err, store.ErrConflict):
		return conflict("another canned response already uses that shortcut")
	case errors.Is(err, store.ErrNotFound):
		return notFound("no such canned response")
	case err != nil:
		return fmt.Errorf("account: %s canned response: %w", op, err)
	}
	return nil
}

// SaveCanned creates (id "") or replaces a canned response.
func (s *Service) SaveCanned(ctx context.Context, by store.Agent, id string, req cannedRequest) (store.CannedResponse, error) {
	req, err := validCanned(req)
	if err != nil {
		return store.CannedResponse{}, err
	}
	c := store.CannedResponse{ID: id, Shortcut: req.Shortcut, Title: req.Title, Body: req.Body, CreatedBy: by.ID}
	if id == "" {
		c, err = s.store.CreateCanned(ctx, c)
		return c, storeCanned("create", err)
	}
	c, err = s.store.UpdateCanned(ctx, c)
	return c, storeCanned("update", err)
}

// listCanned serves GET /canned: {"canned": [...]}, by shortcut.
func (h *Handler) listCanned(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.store.ListCanned(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]cannedJSON, 0, len(list))
	for _, c := range list {
		out = append(out, toCanned(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"canned": out})
}

// createCanned serves POST /canned.
func (h *Handler) createCanned(w http.ResponseWriter, r *http.Request) { h.saveCanned(w, r, "") }

// updateCanned serves PATCH /canned/{id}: the whole response again.
func (h *Handler) updateCanned(w http.ResponseWriter, r *http.Request) {
	h.saveCanned(w, r, chi.URLParam(r, "id"))
}

func (h *Handler) saveCanned(w http.ResponseWriter, r *http.Request, id string) {
	var req cannedRequest
	if err := decodeJSON(w, r, &req, cannedHint); err != nil {
		h.reply(w, r, err)
		return
	}
	c, err := h.svc.SaveCanned(r.Context(), signedInAgent(r).agent, id, req)
	if err != nil {
		h.reply(w, r, err)
		return
	}
	status := http.StatusOK
	if id == "" {
		status = http.StatusCreated
	}
	writeJSON(w, status, toCanned(c))
}

// deleteCanned serves DELETE /canned/{id}.
func (h *Handler) deleteCanned(w http.ResponseWriter, r *http.Request) {
	if err := storeCanned("delete", h.svc.store.DeleteCanned(r.Context(), chi.URLParam(r, "id"))); err != nil {
		h.reply(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
