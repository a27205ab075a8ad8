package account

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/parley-chat/parley/server/store"
)

// The console's list of teammates: it names the agent a conversation is
// assigned to and the agent who is typing. Any signed-in agent may read
// it; changing agents stays with owners and admins (PATCH /agents/{id}).

// Agents lists every agent account, enabled or not, by name.
func (s *Service) Agents(ctx context.Context) ([]store.Agent, error) {
	agents, err := s.store.ListAgents(ctx)
	if err != nil {
		return nil, fmt.Errorf("account: list agents: %w", err)
	}
	slices.SortFunc(agents, func(a, b store.Agent) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return agents, nil
}

// listAgents serves GET /agents: {"agents": [{id, name, email, role,
// disabled, state}]} (state: online, away or offline), never a password
// hash.
func (h *Handler) listAgents(w http.ResponseWriter, r *http.Request) {
	agents, err := h.svc.Agents(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]agentJSON, 0, len(agents))
	for _, a := range agents {
		j := toAgent(a)
		j.State = h.svc.agentState(a.ID)
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, map[string]any{"agents": out})
}
