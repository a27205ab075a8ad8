package account

import (
	"encoding/json"
	"net/http"
)

// Presence is where agents' online/away state lives (chat.Presence): the
// console sets the away flag through it and lists teammates with their
// state.
type Presence interface {
	// SetAway sets or clears an agent's away flag and returns the
	// agent's state: "online", "away" or "offline".
	SetAway(agentID string, away bool) string
	// State returns an agent's state.
	State(agentID string) string
	// Away reports whether an agent's away flag is set.
	Away(agentID string) bool
}

// WithPresence lets the console read and set agents' presence through p.
func WithPresence(p Presence) Option { return func(s *Service) { s.presence = p } }

// presenceJSON answers PUT /me/presence.
type presenceJSON struct {
	Away  bool   `json:"away"`
	State string `json:"state"`
}

// putPresence serves PUT /me/presence {"away": bool}: the signed-in agent
// goes away or comes back. It answers {"away", "state"}; the agent's
// teammates and the site's visitors hear of the change on their sockets.
func (h *Handler) putPresence(w http.ResponseWriter, r *http.Request) {
	in := r.Context().Value(ctxKey{}).(signedIn)
	var req struct {
		Away *bool `json:"away"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1024)).Decode(&req); err != nil || req.Away == nil {
		writeError(w, http.StatusBadRequest, "bad_request", "send {\"away\": true|false}")
		return
	}
	p := h.svc.presence
	if p == nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", "presence is not available on this node")
		return
	}
	state := p.SetAway(in.agent.ID, *req.Away)
	writeJSON(w, http.StatusOK, presenceJSON{Away: *req.Away, State: state})
}

// getPresence serves GET /me/presence: {"away", "state"}.
func (h *Handler) getPresence(w http.ResponseWriter, r *http.Request) {
	in := r.Context().Value(ctxKey{}).(signedIn)
	p := h.svc.presence
	if p == nil {
		writeJSON(w, http.StatusOK, presenceJSON{State: ""})
		return
	}
	writeJSON(w, http.StatusOK, presenceJSON{Away: p.Away(in.agent.ID), State: p.State(in.agent.ID)})
}

// agentState is an agent's presence for the team list, "" when unknown.
func (s *Service) agentState(id string) string {
	if s.presence == nil {
		return ""
	}
	return s.presence.State(id)
}
