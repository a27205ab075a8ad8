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

// SetTeam replaces the agents the console knows by id with the console
// API's list, asked for at the given PresenceMark. An agent's state that a
// team frame told since is newer than the list's and is kept.
func (m *Model) SetTeam(list []Teammate, mark int) {
	m.team = make(map[string]Teammate, len(list))
	for _, a := range list {
		if f, ok := m.presence.last[a.ID]; ok && f.mark > mark {
			a.State = f.state
		}
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
