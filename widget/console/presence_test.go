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
		{ID: "c", Name: "Cai", State: "away"}, {ID: "d", Name: "Dan", State: "online"}, {ID: "x", Name: "Xi", Disabled: true}}, m.PresenceMark())
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

// TestTeamListAfterFrame: a team list asked for before a team frame came
// keeps the frame's state for that agent; a frame from before the list
// was asked for gives way to the list.
func TestTeamListAfterFrame(t *testing.T) {
	m := NewModel(protocol.AgentInfo{ID: "me", Name: "Olive"})
	m.ApplyTeam(&protocol.Team{Agent: "c", State: "away"}) // before the list was asked for
	mark := m.PresenceMark()
	m.ApplyTeam(&protocol.Team{Agent: "b", State: "online"}) // while it was on its way
	m.SetTeam([]Teammate{{ID: "b", Name: "Bea", State: "offline"}, {ID: "c", Name: "Cai", State: "online"},
		{ID: "d", Name: "Dan", State: "away"}}, mark)
	for id, want := range map[string]string{"b": "online", "c": "online", "d": "away"} {
		if got := m.State(id); got != want {
			t.Errorf("%s is %q, want %q", id, got, want)
		}
	}
}
