package relayload_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/bench/relay"
	"github.com/parley-chat/parley/server/bench/relayload"
	"github.com/parley-chat/parley/server/internal/testenv"
)

// TestRunTwoNodes drives a tiny run across two relays through Redis: every
// payload arrives once and every figure of the report is filled in.
// Timings are reported, never asserted.
func TestRunTwoNodes(t *testing.T) {
	addr, _ := testenv.StartRedis(t)
	a, b := startNode(t, "", "redis://"+addr), startNode(t, "", "redis://"+addr)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := relayload.Run(ctx, relayload.Config{URLs: []string{a.url, b.url}, Pairs: 5, Idle: 10, Rate: 100,
		Duration: 2 * time.Second, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	t.Logf("report:\n%s", table.String())
	if !r.OK() || !r.Settled || r.SendFailed != 0 || r.Sent < 100 || r.Received != r.Sent {
		t.Fatalf("delivery: sent %d received %d lost %d dup %d failed %d", r.Sent, r.Received, r.Lost, r.Duplicates, r.SendFailed)
	}
	if r.Latency.Count != int(r.Sent) || r.Latency.P50 <= 0 || r.Latency.PerSecond <= 0 {
		t.Errorf("latency: %+v", r.Latency)
	}
	// Senders on the first node, receivers on the last, idle round-robin.
	if len(r.Nodes) != 2 || r.Nodes[0].Connections != 10 || r.Nodes[1].Connections != 10 ||
		r.Nodes[0].SocketsOpen != 10 || !r.Nodes[0].HasProcStats {
		t.Errorf("nodes: %+v", r.Nodes)
	}
	if !strings.Contains(table.String(), "sender → receiver") {
		t.Errorf("table lacks the latency row")
	}
}

// TestStorm restarts an in-process relay under its sockets: all come back.
func TestStorm(t *testing.T) {
	n := startNode(t, "", "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := relayload.Storm(ctx, relayload.StormConfig{URL: n.url, Clients: 50, Logf: t.Logf,
		Restart: func(context.Context) error { n.stop(); *n = *startNode(t, n.addr, ""); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("storm: %+v", r)
	if !r.OK() || r.SocketsOpenAfter != 50 || r.AllResumedS <= 0 || r.AllResumedS < r.AfterNodeUpS {
		t.Fatalf("storm report: %+v", r)
	}
}

func TestRejectsBadConfig(t *testing.T) {
	for _, cfg := range []relayload.Config{
		{},
		{URLs: []string{"ws://127.0.0.1:1"}, Pairs: 1},
		{URLs: []string{"ftp://x"}, Pairs: 1, Rate: 1, Duration: time.Second},
	} {
		if _, err := relayload.Run(context.Background(), cfg); err == nil {
			t.Errorf("Run(%+v) succeeded", cfg)
		}
	}
	if _, err := relayload.Storm(context.Background(), relayload.StormConfig{URL: "ws://127.0.0.1:1", Clients: 1}); err == nil {
		t.Error("Storm without a restart callback succeeded")
	}
}

// node is a relay served on a real listener, so that it can be restarted
// on the same address.
type node struct {
	addr, url string
	stop      func()
}

func startNode(t *testing.T, addr, redisURL string) *node {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var l net.Listener
	var err error
	for range 100 { // a restart may find the port briefly taken
		if l, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	r, err := relay.New(context.Background(), relay.Options{RedisURL: redisURL})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: r.Handler()}
	go func() { _ = srv.Serve(l) }()
	var once sync.Once
	stop := func() { once.Do(func() { _ = srv.Close(); _ = r.Close() }) }
	t.Cleanup(stop)
	return &node{addr: l.Addr().String(), url: "ws://" + l.Addr().String(), stop: stop}
}
