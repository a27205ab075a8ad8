package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/checker"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/servertest"
)

// startNodes starts count nodes sharing one test-owned redis-server and
// one PostgreSQL database.
func startNodes(t *testing.T, count int) ([]*servertest.Node, *testenv.RedisProcess) {
	t.Helper()
	addr, redis := testenv.StartRedis(t)
	return joinNodes(t, count, "redis://"+addr, nil), redis
}

// joinNodes starts count nodes on one PostgreSQL database and the Redis
// at url.
func joinNodes(t *testing.T, count int, url string, configure func(*config.Config)) []*servertest.Node {
	t.Helper()
	db := testenv.PostgresSchema(t)
	first := servertest.Start(t, servertest.Options{RedisURL: url, DatabaseURL: db, Configure: configure})
	nodes := []*servertest.Node{first}
	for range count - 1 {
		nodes = append(nodes, servertest.Start(t, servertest.Options{RedisURL: url, Join: first, Configure: configure}))
	}
	return nodes
}

// TestMultiNodeDelivery: visitors on one node, agents on two others; the
// checker must find nothing lost, duplicated or missing.
func TestMultiNodeDelivery(t *testing.T) {
	nodes, _ := startNodes(t, 3)
	converseAcross(t, nodes)
}

// TestMultiNodeOnRedisCluster: the same over a three-master Redis Cluster
// (sharded pub/sub, hash-tagged presence keys), presence included.
func TestMultiNodeOnRedisCluster(t *testing.T) {
	addrs := testenv.StartRedisCluster(t, 3)
	url := "redis://" + addrs[0] + "?addr=" + addrs[1] + "&addr=" + addrs[2]
	nodes := joinNodes(t, 3, url, func(c *config.Config) { c.RedisCluster = true })
	visitor := nodes[0].Dial(t, "/ws/visitor", servertest.SiteOrigin)
	visitor.VisitorHello(nodes[0].SiteKey, "")
	agent := nodes[1].Dial(t, "/ws/agent", "")
	agent.SendJSON(map[string]any{"type": "hello", "token": nodes[0].AgentToken})
	agent.Expect("welcome")
	expectPresence(t, visitor, true)
	converseAcross(t, nodes)
}

// converseAcross has visitors on the first node talk with agents on the
// others and runs the delivery checker.
func converseAcross(t *testing.T, nodes []*servertest.Node) {
	t.Helper()
	const visitors, agents, perSide = 30, 4, 5
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

// TestMultiNodePresence: an agent connected to one node makes the site
// online for a visitor on another; going away there, and coming back, are
// seen across nodes too, and a teammate on a third node gets team frames.
func TestMultiNodePresence(t *testing.T) {
	nodes, _ := startNodes(t, 3)
	visitor := nodes[0].Dial(t, "/ws/visitor", servertest.SiteOrigin)
	if w := visitor.VisitorHello(nodes[0].SiteKey, ""); w["presence"].(map[string]any)["online"] != false {
		t.Fatalf("site online before any agent connected: %v", w["presence"])
	}
	observer := nodes[2].Dial(t, "/ws/agent", "")
	observer.SendJSON(map[string]any{"type": "hello", "token": nodes[0].AgentToken})
	observer.Expect("welcome")

	agent := nodes[1].Dial(t, "/ws/agent", "")
	start := time.Now()
	agent.SendJSON(map[string]any{"type": "hello", "token": nodes[0].AgentToken})
	agent.Expect("welcome")
	expectPresence(t, visitor, true)
	t.Logf("online reached a visitor on another node in %v", time.Since(start).Round(time.Millisecond))

	id := nodes[0].Agent.ID
	start = time.Now()
	nodes[2].Server.Chat.Presence.SetAway(id, true) // as PUT /api/console/me/presence on a third node
	expectPresence(t, visitor, false)
	t.Logf("away set on a third node reached the visitor in %v", time.Since(start).Round(time.Millisecond))
	// Each node syncs on the nudge in its own time.
	waitUntil(t, "the agent's own node sees them away", func() bool { return nodes[1].Server.Chat.Presence.State(id) == "away" })
	nodes[1].Server.Chat.Presence.SetAway(id, false)
	expectPresence(t, visitor, true)
	waitUntil(t, "another node sees the agent online again", func() bool { return nodes[2].Server.Chat.Presence.State(id) == "online" })
}

// expectPresence reads the visitor's frames until a presence frame says
// online, or fails.
func expectPresence(t *testing.T, r *servertest.Raw, online bool) {
	t.Helper()
	for {
		if p := r.Await("presence"); p["online"] == online {
			return
		}
	}
}

// TestMultiNodeSignInThrottle: five wrong passwords spread over two nodes
// use up the account's attempts on both.
func TestMultiNodeSignInThrottle(t *testing.T) {
	nodes, _ := startNodes(t, 2)
	login := func(n *servertest.Node) int {
		body := strings.NewReader(`{"email":"` + nodes[0].Agent.Email + `","password":"wrong"}`)
		resp, err := http.Post(n.URL+"/api/console/login", "application/json", body)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for i := range 5 {
		if code := login(nodes[i%2]); code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: HTTP %d, want 401", i+1, code)
		}
	}
	for _, n := range nodes {
		if code := login(n); code != http.StatusTooManyRequests {
			t.Fatalf("sixth wrong password: HTTP %d, want 429 on every node", code)
		}
	}
}
