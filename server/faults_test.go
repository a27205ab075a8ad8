package server_test

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/checker"
	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// Fault scenarios F1, F2, F3 and F5 of testing.md, on `parley serve`
// processes sharing a test-owned redis-server and one PostgreSQL database.

// procCluster is count nodes of one cluster, run as processes.
type procCluster struct {
	nodes      []*servertest.Process
	redis      *testenv.RedisProcess
	key, token string
}

func startProcCluster(t *testing.T, count int) *procCluster {
	t.Helper()
	addr, redis := testenv.StartRedis(t)
	env := map[string]string{"PARLEY_DATABASE_URL": clusterDatabaseURL(t), "PARLEY_REDIS_URL": "redis://" + addr,
		"PARLEY_VISITOR_RATE": "6000", "PARLEY_VISITOR_BURST": "1000", "PARLEY_NEW_VISITOR_RATE": "100000",
		"PARLEY_SHUTDOWN_GRACE": "3s"}
	pc := &procCluster{redis: redis}
	pc.key = servertest.Run(t, env, "site", "add", "--name", "Shop", "--origin", servertest.SiteOrigin)
	servertest.Run(t, env, "agent", "add", "--email", "ada@shop.test", "--name", "Ada", "--role", "agent")
	pc.token = servertest.Run(t, env, "token", "add", "--agent", "ada@shop.test")
	for range count {
		pc.nodes = append(pc.nodes, servertest.StartProcess(t, "", env))
	}
	return pc
}

// clusterDatabaseURL is the database the nodes share: a throwaway
// PostgreSQL schema.
func clusterDatabaseURL(t *testing.T) string { return testenv.PostgresSchema(t) }

// settle waits for every send and delivery, then runs the checker.
func (pc *procCluster) settle(t *testing.T, cl *cluster, convs []string, perConv int64, clients []*conn.Client) {
	t.Helper()
	stored := cl.waitSettled(t, func() map[string][]int64 { return restSeqs(t, pc.nodes[len(pc.nodes)-1].URL, pc.token, convs) },
		convs, perConv, clients)
	cl.stop()
	report := cl.chk.Report(stored)
	t.Logf("delivery checker: %s", report)
	if !report.OK() || report.Messages != len(convs)*int(perConv) {
		t.Fatalf("delivery checker failed: %s\n%v", report, report.Problems)
	}
}

// currentWithin measures how long after now every client has every
// message the store held at the start.
func (pc *procCluster) currentWithin(t *testing.T, convs []string, clients []*conn.Client) time.Duration {
	t.Helper()
	start := time.Now()
	stored := restSeqs(t, pc.nodes[0].URL, pc.token, convs)
	for time.Since(start) < 30*time.Second {
		behind := false
		for _, c := range clients {
			for _, conv := range convs {
				if n := int64(len(stored[conv])); c.LastSeq(conv) < n {
					behind = true
				}
			}
		}
		if !behind {
			return time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("clients not current 30s after Redis returned")
	return 0
}

// TestRedisKilledUnderTraffic is F1: Redis is killed for 5 s while two
// nodes carry steady traffic (visitors on one, agents on the other).
func TestRedisKilledUnderTraffic(t *testing.T) {
	const visitors, agents, perSide = 20, 2, 14
	pc := startProcCluster(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cl := newCluster(ctx, t, checker.New())
	agentClients := cl.agents(pc.token, agents, pc.nodes[1].WS)
	visitorClients := cl.visitors(pc.nodes[0].WS, pc.key, visitors)
	convsc := make(chan []string, 1)
	go func() { convsc <- cl.converse(ctx, t, visitorClients, perSide, 500*time.Millisecond) }()

	time.Sleep(1500 * time.Millisecond)
	if err := pc.redis.Kill(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Second)
	if err := pc.redis.Restart(); err != nil {
		t.Fatal(err)
	}
	var started []string
	for _, v := range visitorClients {
		started = append(started, v.Conversations()...)
	}
	took := pc.currentWithin(t, started, agentClients)
	convs := <-convsc
	cl.expectAgents(convs, agents)
	t.Logf("agents on the other node were current %v after Redis returned", took.Round(time.Millisecond))
	if took > 3*time.Second {
		t.Errorf("agents current %v after Redis returned, want within 3s", took)
	}
	pc.settle(t, cl, convs, 2*perSide, append(agentClients, visitorClients...))
}

// TestMessageWhileRedisDown is F2: one message sent while Redis is down and
// nothing after reaches the agent on the other node once Redis returns.
func TestMessageWhileRedisDown(t *testing.T) {
	pc := startProcCluster(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cl := newCluster(ctx, t, checker.New())
	agent := cl.start("agent-0", conn.Config{URL: pc.nodes[1].WS + "/ws/agent", Hello: protocol.Hello{Token: pc.token}, Backfill: true}, nil)
	visitor := cl.visitors(pc.nodes[0].WS, pc.key, 1)[0]
	waitUntil(t, "the agent is connected", func() bool { return agent.State() == conn.StateOnline })
	ack, err := visitor.SendWait(ctx, "", "hello")
	if err != nil {
		t.Fatal(err)
	}
	cl.chk.Expect("visitor-0", ack.Conv)
	cl.chk.Expect("agent-0", ack.Conv)
	waitUntil(t, "the agent has the first message", func() bool { return agent.LastSeq(ack.Conv) == 1 })

	if err := pc.redis.Kill(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if _, err := visitor.SendWait(ctx, ack.Conv, "sent while Redis is down"); err != nil {
		t.Fatalf("send while Redis is down: %v (the store is up: it must be acked)", err)
	}
	time.Sleep(time.Second)
	if got := agent.LastSeq(ack.Conv); got != 1 {
		t.Fatalf("the agent on the other node has seq %d while Redis is down, want 1", got)
	}
	// The node says so: /readyz fails and /metrics shows the subscription down.
	if code, _ := get(t, pc.nodes[0].URL+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Redis down: HTTP %d, want 503", code)
	}
	waitUntil(t, "/metrics shows the subscription down", func() bool {
		_, body := get(t, pc.nodes[0].URL+"/metrics")
		return strings.Contains(body, "\nparley_redis_subscribed 0\n") && strings.Contains(body, "\nparley_bus_up 0\n")
	})
	if err := pc.redis.Restart(); err != nil {
		t.Fatal(err)
	}
	back := time.Now()
	waitUntil(t, "the agent has the message", func() bool { return agent.LastSeq(ack.Conv) == 2 })
	took := time.Since(back)
	t.Logf("delivered %v after Redis returned", took.Round(time.Millisecond))
	if took > 3*time.Second {
		t.Errorf("delivered %v after Redis returned, want within 3s", took)
	}
	waitUntil(t, "/metrics shows the subscription back", func() bool {
		_, body := get(t, pc.nodes[0].URL+"/metrics")
		return strings.Contains(body, "\nparley_redis_subscribed 1\n")
	})
	pc.settle(t, cl, []string{ack.Conv}, 2, []*conn.Client{agent, visitor})
}

// TestNodeKilled is F3: one of two nodes behind a load balancer is killed
// with SIGKILL mid-conversation; its clients reconnect through the
// balancer to the other node and resume, and retried sends are stored once.
func TestNodeKilled(t *testing.T) {
	const visitors, agents, perSide = 20, 2, 10
	pc := startProcCluster(t, 2)
	lb := servertest.StartBalancer(t, pc.nodes[0].Addr, pc.nodes[1].Addr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cl := newCluster(ctx, t, checker.New())
	agentClients := cl.agents(pc.token, agents, lb.WS)
	visitorClients := cl.visitors(lb.WS, pc.key, visitors)
	convsc := make(chan []string, 1)
	go func() { convsc <- cl.converse(ctx, t, visitorClients, perSide, 300*time.Millisecond) }()
	time.Sleep(1200 * time.Millisecond)
	pc.nodes[0].Kill()
	convs := <-convsc
	cl.expectAgents(convs, agents)
	pc.settle(t, cl, convs, 2*perSide, append(agentClients, visitorClients...))
}

// TestFlakyNetwork is F5: clients whose network drops every few seconds for
// a minute, on two nodes, lose, duplicate and skip nothing.
func TestFlakyNetwork(t *testing.T) {
	const visitors, agents, perSide = 6, 2, 20
	pc := startProcCluster(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cl := newCluster(ctx, t, checker.New())
	agentLB := servertest.StartBalancer(t, pc.nodes[1].Addr)
	visitorLB := servertest.StartBalancer(t, pc.nodes[0].Addr)
	agentClients := cl.agents(pc.token, agents, agentLB.WS)
	visitorClients := cl.visitors(visitorLB.WS, pc.key, visitors)
	stop, stopped := make(chan struct{}), make(chan struct{})
	drops := 0
	go func() {
		defer close(stopped)
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Second + rand.N(3*time.Second)):
			}
			[]*servertest.Balancer{agentLB, visitorLB}[rand.N(2)].Cut()
			drops++
		}
	}()
	convs := cl.converse(ctx, t, visitorClients, perSide, 3*time.Second) // about a minute
	close(stop)
	<-stopped
	t.Logf("the network dropped %d times", drops)
	cl.expectAgents(convs, agents)
	pc.settle(t, cl, convs, 2*perSide, append(agentClients, visitorClients...))
}

// get fetches url and returns its status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
