// Package api serves REST v1 (/api/v1) for agents and integrations, who
// authenticate with "Authorization: Bearer <API token>". Handlers decode,
// validate, call the chat service or the store, and write JSON.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/store"
)

// maxBody caps request bodies; a message body is at most 4,000 characters.
const maxBody = 64 << 10

type handler struct {
	chat  *chat.Service
	store store.Store
	log   *slog.Logger
}

// Routes returns the /api/v1 router.
func Routes(svc *chat.Service, log *slog.Logger) http.Handler {
	h := &handler{chat: svc, store: svc.Store(), log: log}
	r := chi.NewRouter()
	r.Use(h.authenticate)
	r.Get("/conversations", h.listConversations)
	r.Get("/conversations/{id}", h.getConversation)
	r.Patch("/conversations/{id}", h.patchConversation)
	r.Get("/conversations/{id}/messages", h.listMessages)
	r.Post("/conversations/{id}/messages", h.postMessage)
	r.Post("/sites", h.createSite)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) { h.fail(w, r, errNotFound) })
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) { h.fail(w, r, errMethod) })
	return r
}

type agentKey struct{}

// authenticate resolves the bearer token to an enabled agent.
func (h *handler) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			h.fail(w, r, errUnauthorized)
			return
		}
		a, err := h.store.AgentByToken(r.Context(), auth.HashToken(strings.TrimSpace(token)))
		if errors.Is(err, store.ErrNotFound) {
			h.fail(w, r, errUnauthorized)
			return
		} else if err != nil {
			h.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), agentKey{}, a)))
	})
}

func agentOf(r *http.Request) store.Agent { return r.Context().Value(agentKey{}).(store.Agent) }

// decode reads a JSON body into v, refusing unknown fields and oversize bodies.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errTooLarge
		}
		return badRequest("invalid JSON body: " + err.Error())
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
