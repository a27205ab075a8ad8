package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/checker"
	"github.com/parley-chat/parley/server/servertest"
)

// TestDeliveryUnderChaos is acceptance point 2 of the core issue: 100
// visitors and 10 agent connections exchange 20 messages per conversation
// while a chaos loop drops random sockets every few hundred milliseconds;
// the delivery checker must count nothing lost, duplicated or missing.
func TestDeliveryUnderChaos(t *testing.T) {
	const visitors, agents, perSide = 100, 10, 10 // 10 visitor + 10 agent messages per conversation
	n := servertest.Start(t, servertest.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	chk := checker.New()
	cl := newCluster(ctx, t, chk)

	agentClients := cl.agents(n.AgentToken, agents, n.WS)
	visitorClients := cl.visitors(n.WS, n.SiteKey, visitors)

	chaosDone := cl.chaos(ctx, 300*time.Millisecond)
	convs := cl.converse(ctx, t, visitorClients, perSide, 500*time.Millisecond)
	time.Sleep(time.Second) // the last replies are sent while sockets still drop
	close(chaosDone)
	t.Logf("chaos loop dropped %d sockets over the exchange", cl.drops())

	cl.expectAgents(convs, agents)
	stored := cl.waitSettled(t, func() map[string][]int64 { return storedSeqs(t, n, convs) }, convs, 2*perSide, append(agentClients, visitorClients...))
	cl.stop()
	report := chk.Report(stored)
	t.Logf("delivery checker: %s", report)
	if !report.OK() || report.Messages != visitors*2*perSide {
		t.Fatalf("delivery checker failed: %s\n%v", report, report.Problems)
	}
}
