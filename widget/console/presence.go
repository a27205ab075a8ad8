package console

import (
	"cmp"
	"slices"

	"github.com/parley-chat/parley/shared/protocol"
)

// Agents' presence as the console knows it: GET /agents gives everyone's
// state, team frames change it live, and the agent's own toggle confirms
// its answer here.

// presenceLog numbers the team frames and keeps each agent's latest, so
// that a team list asked for before a frame came does not undo it.
type presenceLog struct {
	mark int                      // team frames applied so far
	last map[string]presenceFrame // agent → the latest frame's state
}

type presenceFrame struct {
	state string
	mark  int
}

// PresenceMark counts the team frames applied; take it before asking the
// console API for the team (see SetTeam).
func (m *Model) PresenceMark() int { return m.presence.mark }

// ApplyTeam records a teammate's new presence state. It reports whether
// the agent is one the team list does not hold yet.
func (m *Model) ApplyTeam(f *protocol.Team) bool {
	m.presence.mark++
	if m.presence.last == nil {
		m.presence.last = map[string]presenceFrame{}
	}
	m.presence.last[f.Agent] = presenceFrame{state: f.State, mark: m.presence.mark}
	a, ok := m.team[f.Agent]
	if !ok {
		if f.Agent == m.Me.ID {
			a = Teammate{ID: m.Me.ID, Name: m.Me.Name, Email: m.Me.Email, Role: m.Me.Role}
		} else {
			return true
		}
	}
	a.State = f.State
	if m.team == nil {
		m.team = map[string]Teammate{}
	}
	m.team[f.Agent] = a
	return false
}

// State returns an agent's presence: online, away or offline.
func (m *Model) State(id string) string {
	if s := m.team[id].State; s != "" {
		return s
	}
	if id == m.Me.ID && m.Link == LinkOnline {
		return protocol.AgentOnline
	}
	return protocol.AgentOffline
}

// Away reports whether the agent has set themself away.
func (m *Model) Away() bool { return m.State(m.Me.ID) == protocol.AgentAway }

// SetMyState applies the state the console API answered for the agent.
func (m *Model) SetMyState(state string) {
	m.ApplyTeam(&protocol.Team{Agent: m.Me.ID, State: state})
}

// Teammates lists the other enabled agents: online first, then away, then
// offline, each by name.
func (m *Model) Teammates() []Teammate {
	rank := map[string]int{protocol.AgentOnline: 0, protocol.AgentAway: 1}
	order := func(a Teammate) int {
		if r, ok := rank[m.State(a.ID)]; ok {
			return r
		}
		return 2
	}
	var out []Teammate
	for _, a := range m.team {
		if a.ID != m.Me.ID && !a.Disabled {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b Teammate) int {
		return cmp.Or(cmp.Compare(order(a), order(b)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}
