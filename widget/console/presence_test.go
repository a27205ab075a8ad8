package console

import (
	"testing"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// TestPresenceModel: the team list's states, team frames changing them,
// the agent's own toggle, and teammates listed online first.
func TestPresenceModel(t *testing.T) {
	m := NewModel(protocol.AgentInfo{ID: "me", Name: "Olive"})
	m.SetTeam([]Teammate{{ID: "me", Name: "Olive", State: "online"}, {ID: "b", Name: "Bea", State: "offline"},
		{ID: "c", Name: "Cai", State: "away"}, {ID: "d", Name: "Dan", State: "online"}, {ID: "x", Name: "Xi", Disabled: true}})
	if m.Away() || m.State("c") != protocol.AgentAway {
		t.Fatalf("states %q %q", m.State("me"), m.State("c"))
	}
	m.Apply(conn.Event{Kind: conn.EventTeam, Frame: &protocol.Team{Type: "team", Agent: "b", State: "online"}})
	if m.State("b") != protocol.AgentOnline {
		t.Fatalf("Bea is %q after a team frame", m.State("b"))
	}
	if m.ApplyTeam(&protocol.Team{Agent: "new", State: "online"}) != true {
		t.Fatal("an unknown agent is not reported")
	}
	m.SetMyState(protocol.AgentAway)
	if !m.Away() {
		t.Fatal("not away after the toggle")
	}
	var names []string
	for _, a := range m.Teammates() {
		names = append(names, a.Name)
	}
	if got := names; len(got) != 3 || got[0] != "Bea" || got[1] != "Dan" || got[2] != "Cai" {
		t.Fatalf("teammates %v, want [Bea Dan Cai]", got)
	}
	if m.State("nobody") != protocol.AgentOffline {
		t.Fatal("an unknown agent is not offline")
	}
}
