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

// TestRun drives a short run against an in-process node: the checker must
// find nothing wrong and every figure of the report must be filled in.
// Timings are reported, never asserted.
func TestRun(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r, err := loadgen.Run(ctx, loadgen.Config{URLs: []string{n.WS}, SiteKey: n.SiteKey, Token: n.AgentToken,
		Visitors: 20, Agents: 2, Idle: 10, Rate: 40, Duration: 3 * time.Second, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	table := logReport(t, r)
	if !r.OK() || !r.Settled || r.SendFailed != 0 {
		t.Fatalf("delivery: %+v settled=%v failed=%d", r.Delivery, r.Settled, r.SendFailed)
	}
	if r.Delivery.Conversations != 20 || r.Delivery.Messages < 2*20 {
		t.Errorf("delivery counted %d conversations and %d messages", r.Delivery.Conversations, r.Delivery.Messages)
	}
	// Every visitor message is timed once at its agent and answered once.
	if c := r.VisitorToAgent.Count; c != r.Delivery.Messages/2 || r.AgentToVisitor.Count != c {
		t.Errorf("latency samples %d and %d for %d messages", c, r.AgentToVisitor.Count, r.Delivery.Messages)
	}
	if r.VisitorToAgent.Max <= 0 || r.VisitorToAgent.PerSecond <= 0 || r.AgentToVisitor.P50 <= 0 {
		t.Errorf("latency not filled in: %+v %+v", r.VisitorToAgent, r.AgentToVisitor)
	}
	if len(r.Nodes) != 1 || r.Nodes[0].Connections != 32 || r.Nodes[0].SocketsOpen < 32 || !r.Nodes[0].HasProcStats || r.Nodes[0].RSSHeld <= 0 {
		t.Errorf("node memory: %+v", r.Nodes)
	}
	for _, want := range []string{"connections held", "visitor → agent", "agent → visitor", "p99.9", "RSS/conn", "duplicates"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	var back loadgen.Report
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.VisitorToAgent.Count != r.VisitorToAgent.Count {
		t.Fatalf("JSON round trip: %v, %+v", err, back)
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	for _, cfg := range []loadgen.Config{
		{},
		{URLs: []string{"ws://127.0.0.1:1"}, SiteKey: "pk", Token: "pat", Visitors: 1, Agents: 1},
		{URLs: []string{"ftp://x"}, SiteKey: "pk", Token: "pat", Visitors: 1, Agents: 1, Rate: 1, Duration: time.Second},
	} {
		if _, err := loadgen.Run(context.Background(), cfg); err == nil {
			t.Errorf("Run(%+v) succeeded", cfg)
		}
	}
}

// logReport logs r's table, as parley bench prints it, and returns it.
func logReport(t *testing.T, r loadgen.Report) string {
	t.Helper()
	var table bytes.Buffer
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	t.Logf("report:\n%s", table.String())
	return table.String()
}
