package console

import "github.com/parley-chat/parley/shared/protocol"

// Teammate is an agent account as GET /api/console/agents lists it.
type Teammate struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Role     string `json:"role"`
	Disabled bool   `json:"disabled"`
	State    string `json:"state"` // online, away or offline (presence.go)
}

// SetTeam replaces the agents the console knows by id.
func (m *Model) SetTeam(list []Teammate) {
	m.team = make(map[string]Teammate, len(list))
	for _, a := range list {
		m.team[a.ID] = a
	}
}

// AgentName is an agent's name, "" when the agent is unknown.
func (m *Model) AgentName(id string) string {
	if id == m.Me.ID {
		return m.Me.Name
	}
	return m.team[id].Name
}

// Unknown reports whether a status names an assignee the team list does
// not hold yet (an agent added since it was loaded).
func (m *Model) Unknown(ev *protocol.Status) bool {
	_, ok := m.team[ev.Assignee]
	return ev.Assignee != "" && ev.Assignee != m.Me.ID && !ok
}
