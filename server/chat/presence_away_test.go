package chat_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/bus/memory"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/shared/protocol"
)

// teamRecorder records the team frames agents receive.
type teamRecorder struct {
	mu     sync.Mutex
	frames []protocol.Team
}

func (r *teamRecorder) Deliver(_ string, ev hub.Event) {
	var f protocol.Team
	if json.Unmarshal(ev.Frame, &f) == nil && f.Type == protocol.TypeTeam {
		r.mu.Lock()
		r.frames = append(r.frames, f)
		r.mu.Unlock()
	}
}

func (r *teamRecorder) Resync() {}

func (r *teamRecorder) states() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, f := range r.frames {
		out = append(out, f.Agent+":"+f.State)
	}
	return out
}

// clock is a settable time for the away grace.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// announced returns a Presence announcing through a memory hub, and what
// visitors and agents heard.
func announced(t *testing.T) (*chat.Presence, *recorder, *teamRecorder, *clock) {
	t.Helper()
	h := hub.New(memory.New(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	visitors, agents := &recorder{}, &teamRecorder{}
	if err := h.Subscribe(context.Background(), visitors, chat.PresenceTopic); err != nil {
		t.Fatal(err)
	}
	if err := h.Subscribe(context.Background(), agents, chat.AgentsTopic); err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	p := chat.NewPresence(60, chat.AwayGrace(time.Minute), chat.PresenceClock(clk.now))
	p.Announce(h)
	return p, visitors, agents, clk
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPresenceAway: an away agent does not make the site online; going
// away and back is announced to visitors (when the site changes) and to
// agents (every change of the agent's state).
func TestPresenceAway(t *testing.T) {
	p, visitors, agents, _ := announced(t)
	p.AgentConnected("a1")
	p.AgentConnected("a1") // a second tab
	if st := p.SetAway("a1", true); st != protocol.AgentAway {
		t.Fatalf("state %q after SetAway(true)", st)
	}
	if p.Current().Online {
		t.Fatal("online with the only agent away")
	}
	p.AgentConnected("a2")
	if !p.Current().Online || p.State("a2") != protocol.AgentOnline {
		t.Fatal("a second, present agent does not make the site online")
	}
	p.AgentDisconnected("a2")
	p.SetAway("a1", false)
	p.SetAway("a1", false) // no change, no announcement
	want := []string{"a1:online", "a1:away", "a2:online", "a2:offline", "a1:online"}
	if got := agents.states(); !equal(got, want) {
		t.Fatalf("team frames %v, want %v", got, want)
	}
	if !equal(boolStrings(visitors.online), []string{"true", "false", "true", "false", "true"}) {
		t.Fatalf("visitor announcements %v", visitors.online)
	}
	if s := p.States(); len(s) != 1 || s["a1"] != protocol.AgentOnline {
		t.Fatalf("states %v", s)
	}
}

// TestPresenceLastTabClosed: closing one of two tabs changes nothing;
// closing the last makes the agent offline, away or not.
func TestPresenceLastTabClosed(t *testing.T) {
	p, _, agents, _ := announced(t)
	p.AgentConnected("a1")
	p.AgentConnected("a1")
	p.AgentDisconnected("a1")
	if p.State("a1") != protocol.AgentOnline || !p.Current().Online {
		t.Fatal("closing one of two tabs made the agent leave")
	}
	p.SetAway("a1", true)
	p.AgentDisconnected("a1")
	if p.State("a1") != protocol.AgentOffline || p.Current().Online {
		t.Fatalf("state %q after the last tab closed", p.State("a1"))
	}
	if got, want := agents.states(), []string{"a1:online", "a1:away", "a1:offline"}; !equal(got, want) {
		t.Fatalf("team frames %v, want %v", got, want)
	}
}

// TestPresenceAwaySurvivesReload: the away flag outlives the last socket
// for the grace, so a reload comes back away; after the grace it is gone.
// An agent who sets away before any socket opens (the API answered first)
// comes in away.
func TestPresenceAwaySurvivesReload(t *testing.T) {
	p, visitors, _, clk := announced(t)
	p.AgentConnected("a1")
	p.SetAway("a1", true)
	p.AgentDisconnected("a1")
	clk.add(30 * time.Second)
	p.AgentConnected("a1") // the reloaded tab
	if p.State("a1") != protocol.AgentAway || p.Current().Online {
		t.Fatalf("state %q after a reload, want away", p.State("a1"))
	}
	p.AgentDisconnected("a1")
	clk.add(2 * time.Minute)
	if p.Away("a1") {
		t.Fatal("still away after the grace")
	}
	p.AgentConnected("a1")
	if p.State("a1") != protocol.AgentOnline {
		t.Fatalf("state %q after the grace, want online", p.State("a1"))
	}
	p.AgentDisconnected("a1")
	if st := p.SetAway("a1", true); st != protocol.AgentOffline || !p.Away("a1") {
		t.Fatalf("SetAway with no socket: state %q", st)
	}
	p.AgentConnected("a1")
	if p.State("a1") != protocol.AgentAway {
		t.Fatalf("state %q, want away", p.State("a1"))
	}
	if !equal(boolStrings(visitors.online), []string{"true", "false", "true", "false"}) {
		t.Fatalf("visitor announcements %v", visitors.online)
	}
}

func boolStrings(bs []bool) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = map[bool]string{true: "true", false: "false"}[b]
	}
	return out
}
