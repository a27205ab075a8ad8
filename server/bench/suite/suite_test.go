package suite_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/bench/suite"
	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/servertest"
)

// TestSmoke runs every scenario at tiny sizes on real child processes:
// each figure is measured on both sides (Parley's storm excepted, see
// parleyStorm), nothing is lost, and every rendering names the figures.
// Timings are reported, never asserted.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("starts redis-server and five nodes")
	}
	testenv.RequireRedisServer(t)
	cfg := suite.Config{Exe: servertest.Binary(t), DatabaseURL: testenv.PostgresURL(t), IdleSockets: 40, Pairs: 6,
		RatePairs: 3, Agents: 1, CrossRate: 60, CrossDuration: time.Second, Steps: []float64{40}, StepDuration: time.Second,
		StormClients: 30, Timeout: 20 * time.Second, Logf: t.Logf}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := suite.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var text, md, js bytes.Buffer
	for _, write := range []func() error{func() error { return res.WriteText(&text) },
		func() error { return res.WriteMarkdown(&md) }, func() error { return res.WriteJSON(&js) }} {
		if err := write(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("results:\n%s", text.String())
	if !res.OK() {
		t.Fatalf("failed runs: %v", res.Failed())
	}
	if len(res.Runs) != 8 { // idle, cross, one rate step and the storm on each side
		t.Errorf("%d runs, want 8", len(res.Runs))
	}
	for _, row := range res.Rows {
		if row.Baseline == nil || row.Parley == nil {
			t.Errorf("row not measured: %+v", row)
		}
	}
	for _, want := range []string{"resident bytes per socket", "latency p99, visitor → agent", "messages per second",
		"time until all resumed", "lost 0, duplicates 0, holes 0"} {
		if !strings.Contains(text.String(), want) || !strings.Contains(md.String(), want) {
			t.Errorf("text or Markdown lacks %q", want)
		}
	}
}

func TestRejectsBadConfig(t *testing.T) {
	for _, cfg := range []suite.Config{
		{},
		{Exe: "parley", Only: []string{"nope"}},
		{Exe: "parley", IdleSockets: 100, Pairs: 1, RatePairs: 1, Agents: 1, StormClients: 1},
	} {
		if _, err := suite.Run(context.Background(), cfg); err == nil {
			t.Errorf("Run(%+v) succeeded", cfg)
		}
	}
}
