package server_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/checker"
	"github.com/parley-chat/parley/server/servertest"
)

// TestSIGTERMUnderLoad is fault F4: a node that receives SIGTERM while
// visitors and agents are talking stops accepting, closes every socket with
// 1012, exits within its grace period, and after the restart its clients
// resume with nothing lost or duplicated.
func TestSIGTERMUnderLoad(t *testing.T) {
	const visitors, agents, perSide, grace = 30, 3, 8, 5 * time.Second
	env := map[string]string{"PARLEY_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "parley.db"),
		"PARLEY_SHUTDOWN_GRACE": grace.String(), "PARLEY_VISITOR_RATE": "6000", "PARLEY_VISITOR_BURST": "1000"}
	key := servertest.Run(t, env, "site", "add", "--name", "Shop", "--origin", servertest.SiteOrigin)
	servertest.Run(t, env, "agent", "add", "--email", "ada@shop.test", "--name", "Ada", "--role", "agent")
	token := servertest.Run(t, env, "token", "add", "--agent", "ada@shop.test")
	p := servertest.StartProcess(t, "", env)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cl := newCluster(ctx, t, checker.New())
	agentClients := cl.agents(token, agents, p.WS)
	visitorClients := cl.visitors(p.WS, key, visitors)
	observer := servertest.DialURL(t, p.WS+"/ws/visitor", "")
	observer.VisitorHello(key, "")

	convsc := make(chan []string, 1)
	go func() { convsc <- cl.converse(ctx, t, visitorClients, perSide, 200*time.Millisecond) }()
	time.Sleep(400 * time.Millisecond) // mid-conversation

	took, code := p.Terminate(t, grace+3*time.Second)
	t.Logf("SIGTERM: exited with %d after %v", code, took.Round(time.Millisecond))
	if code != 0 {
		t.Fatalf("exit code %d after SIGTERM, want 0:\n%s", code, p.Output())
	}
	if got := observer.ExpectClose(); got != 1012 {
		t.Fatalf("socket closed with %d, want 1012 (service restart)", got)
	}

	p.Restart(t)
	convs := <-convsc
	cl.expectAgents(convs, agents)
	stored := cl.waitSettled(t, func() map[string][]int64 { return restSeqs(t, p.URL, token, convs) }, convs, 2*perSide,
		append(agentClients, visitorClients...))
	cl.stop()
	report := cl.chk.Report(stored)
	t.Logf("delivery checker after restart: %s", report)
	if !report.OK() || report.Messages != visitors*2*perSide {
		t.Fatalf("delivery checker failed: %s\n%v", report, report.Problems)
	}
}
