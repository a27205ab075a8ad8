package account

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/store"
)

// Changing teammates (owners and admins only, requireAdmin): role and
// enabled state. Only an owner may make or unmake owners, an admin may
// not change an owner at all, and the team always keeps an enabled owner.

// agentPatch is PATCH /agents/{id}: absent fields stay as they are.
type agentPatch struct {
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
}

// ChangeAgent applies p to the agent with this id on behalf of actor;
// disabling signs the agent out everywhere and closes their sockets.
func (s *Service) ChangeAgent(ctx context.Context, actor store.Agent, id string, p agentPatch) (store.Agent, error) {
	a, err := s.store.AgentByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Agent{}, notFound("no such agent")
	} else if err != nil {
		return store.Agent{}, fmt.Errorf("account: change agent: %w", err)
	}
	next := a
	if p.Role != nil {
		next.Role = *p.Role
	}
	if p.Disabled != nil {
		next.Disabled = *p.Disabled
	}
	if err := s.mayChange(ctx, actor, a, next); err != nil {
		return store.Agent{}, err
	}
	if next.Role != a.Role {
		if a, err = s.store.UpdateAgent(ctx, next); err != nil {
			return store.Agent{}, fmt.Errorf("account: change role: %w", err)
		}
	}
	if next.Disabled != a.Disabled {
		return s.SetDisabled(ctx, id, next.Disabled)
	}
	return a, nil
}

// mayChange checks the rules for turning agent a into next.
func (s *Service) mayChange(ctx context.Context, actor, a, next store.Agent) error {
	switch {
	case !store.ValidRole(next.Role):
		return badRequest("role: must be owner, admin or agent")
	case a.Role == store.RoleOwner && actor.Role != store.RoleOwner:
		return forbidden("only an owner may change an owner")
	case next.Role == store.RoleOwner && a.Role != store.RoleOwner && actor.Role != store.RoleOwner:
		return forbidden("only an owner may make an owner")
	}
	if a.Role != store.RoleOwner || a.Disabled || next.Role == store.RoleOwner && !next.Disabled {
		return nil // a is not an enabled owner, or stays one
	}
	owners, err := s.enabledOwners(ctx)
	if err != nil {
		return err
	}
	if owners <= 1 {
		return conflict("the team needs at least one enabled owner: make someone else an owner first")
	}
	return nil
}

// enabledOwners counts the enabled owners.
func (s *Service) enabledOwners(ctx context.Context) (int, error) {
	agents, err := s.store.ListAgents(ctx)
	if err != nil {
		return 0, fmt.Errorf("account: count owners: %w", err)
	}
	n := 0
	for _, a := range agents {
		if a.Role == store.RoleOwner && !a.Disabled {
			n++
		}
	}
	return n, nil
}

// patchAgent serves PATCH /agents/{id} {"role"} and/or {"disabled"}.
func (h *Handler) patchAgent(w http.ResponseWriter, r *http.Request) {
	var p agentPatch
	if err := decodeJSON(w, r, &p, `{"role": "owner|admin|agent"} and/or {"disabled": true|false}`); err != nil || p.Role == nil && p.Disabled == nil {
		writeError(w, http.StatusBadRequest, "bad_request", `send {"role": "owner|admin|agent"} and/or {"disabled": true|false}`)
		return
	}
	a, err := h.svc.ChangeAgent(r.Context(), signedInAgent(r).agent, chi.URLParam(r, "id"), p)
	if err != nil {
		h.reply(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAgent(a))
}
