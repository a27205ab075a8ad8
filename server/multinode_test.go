package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/checker"
	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/servertest"
)

// startNodes starts count nodes sharing one test-owned redis-server and
// one database.
func startNodes(t *testing.T, count int) ([]*servertest.Node, *testenv.RedisProcess) {
	t.Helper()
	addr, redis := testenv.StartRedis(t)
	first := servertest.Start(t, servertest.Options{RedisURL: "redis://" + addr})
	nodes := []*servertest.Node{first}
	for range count - 1 {
		nodes = append(nodes, servertest.Start(t, servertest.Options{RedisURL: "redis://" + addr, Join: first}))
	}
	return nodes, redis
}

// TestMultiNodeDelivery: visitors on one node, agents on two others; the
// checker must find nothing lost, duplicated or missing.
func TestMultiNodeDelivery(t *testing.T) {
	const visitors, agents, perSide = 30, 4, 5
	nodes, _ := startNodes(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	chk := checker.New()
	cl := newCluster(ctx, t, chk)
	agentClients := cl.agents(nodes[0].AgentToken, agents, nodes[1].WS, nodes[2].WS)
	visitorClients := cl.visitors(nodes[0].WS, nodes[0].SiteKey, visitors)

	convs := cl.converse(ctx, t, visitorClients, perSide, 300*time.Millisecond)
	cl.expectAgents(convs, agents)
	stored := cl.waitSettled(t, func() map[string][]int64 { return storedSeqs(t, nodes[0], convs) }, convs, 2*perSide, append(agentClients, visitorClients...))
	cl.stop()
	report := chk.Report(stored)
	t.Logf("delivery checker: %s", report)
	if !report.OK() || report.Messages != visitors*2*perSide {
		t.Fatalf("delivery checker failed: %s\n%v", report, report.Problems)
	}
}
