package loadgen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/loadgen"
	"github.com/parley-chat/parley/server/servertest"
)

// TestStorm restarts an in-process node (same address, same SQLite file)
// under 50 visitors and 2 agents with the widget's own backoff: every
// client must come back, and nothing may be lost. Timings are reported,
// never asserted.
func TestStorm(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	restarts := 0
	r, err := loadgen.Storm(ctx, loadgen.StormConfig{URL: n.WS, SiteKey: n.SiteKey, Token: n.AgentToken, Clients: 50, Agents: 2,
		Restart: func(context.Context) error { restarts++; n.Restart(t); return nil }, Timeout: time.Minute, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	table := logReport(t, r)
	s := r.Storm
	if restarts != 1 || s == nil || s.Clients != 52 || s.Resumed != 52 || s.Dials < 52 {
		t.Fatalf("restarts %d, storm %+v", restarts, s)
	}
	if !r.OK() || !r.Settled || r.SendFailed != 0 || r.Delivery.Conversations != 50 || r.Delivery.Messages != 100 {
		t.Fatalf("delivery: %+v settled=%v failed=%d", r.Delivery, r.Settled, r.SendFailed)
	}
	if s.FromDown.All <= 0 || s.FromDown.All < s.FromAccepting.All || s.FromDown.Max < s.FromDown.P50 || s.OutageS <= 0 {
		t.Errorf("resume times do not add up: %+v", s)
	}
	if d := s.DialToWelcome; d.P50 <= 0 || d.Max < d.P50 || d.Max > s.FromDown.Max {
		t.Errorf("redial → welcome: %+v", d)
	}
	if s.Reasons["closed 1012 (restart)"] == 0 {
		t.Errorf("no session ended with 1012: %v", s.Reasons)
	}
	if r.VisitorToAgent.Count != 50 { // each message after the storm, timed at the agent owning its conversation
		t.Errorf("visitor → agent samples: %d, want 50", r.VisitorToAgent.Count)
	}
	for _, want := range []string{"reconnect storm", "from accepting again", "from going down", "all online", "after the storm"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	var back loadgen.Report
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Storm == nil || back.Storm.FromDown != s.FromDown {
		t.Fatalf("JSON round trip: %v, %s", err, js.String())
	}
}

func TestStormRejectsBadConfig(t *testing.T) {
	restart := func(context.Context) error { return nil }
	for _, cfg := range []loadgen.StormConfig{
		{},
		{URL: "ws://127.0.0.1:1", SiteKey: "pk", Token: "pat", Clients: 1},
		{URL: "ws://127.0.0.1:1", SiteKey: "pk", Token: "pat", Restart: restart},
		{URL: "ftp://x", SiteKey: "pk", Token: "pat", Clients: 1, Restart: restart},
	} {
		if _, err := loadgen.Storm(context.Background(), cfg); err == nil {
			t.Errorf("Storm(%+v) succeeded", cfg)
		}
	}
}
