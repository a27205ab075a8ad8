package redis_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/bus"
	"github.com/parley-chat/parley/server/bus/bustest"
	"github.com/parley-chat/parley/server/bus/redis"
	"github.com/parley-chat/parley/server/internal/testenv"
)

func open(t *testing.T, addr string, sharded bool) *redis.Bus {
	t.Helper()
	b, err := redis.New(redis.Config{URL: "redis://" + addr, Sharded: sharded, Prefix: "t" + t.Name() + ":", Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

func TestContract(t *testing.T) {
	addr, _ := testenv.StartRedis(t)
	for _, sharded := range []bool{false, true} {
		t.Run(fmt.Sprintf("sharded=%v", sharded), func(t *testing.T) {
			bustest.Run(t, func(t *testing.T) bus.Bus { return open(t, addr, sharded) })
			bustest.RunNodes(t, func(t *testing.T) (bus.Bus, bus.Bus) {
				return open(t, addr, sharded), open(t, addr, sharded)
			})
		})
	}
}

func TestBadURL(t *testing.T) {
	if _, err := redis.New(redis.Config{URL: "http://nope"}); err == nil {
		t.Fatal("New accepted a non-redis URL")
	}
}

// TestRedisRestart kills Redis under two nodes: each keeps delivering its
// own publishes locally, nothing queues without bound, and once Redis is
// back both resync and traffic flows between them again.
func TestRedisRestart(t *testing.T) {
	addr, ctl := testenv.StartRedis(t)
	ctx := context.Background()
	a, b := open(t, addr, false), open(t, addr, false)
	ra, rb := bustest.NewRecorder(), bustest.NewRecorder()
	a.Listen(ra)
	b.Listen(rb)
	for _, x := range []*redis.Bus{a, b} {
		if err := x.Subscribe(ctx, "c"); err != nil {
			t.Fatal(err)
		}
	}
	_ = a.Publish(ctx, "c", []byte("before"))
	rb.WaitFor(t, "c", 1)
	resyncsA, resyncsB := ra.Resyncs(), rb.Resyncs()

	if err := ctl.Kill(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both nodes notice the outage", func() bool { return !a.Stats().Connected && !b.Stats().Connected })
	if err := a.Ping(ctx); err == nil {
		t.Fatal("Ping succeeded with Redis down")
	}
	for i := range 1000 {
		_ = a.Publish(ctx, "c", []byte(fmt.Sprint("during ", i)))
	}
	if got := len(ra.Got("c")); got != 1001 {
		t.Fatalf("local delivery during the outage: %d payloads, want 1001", got)
	}

	waitFor(t, "publishes to the dead Redis are counted as dropped", func() bool { return a.Stats().Dropped > 0 })

	if err := ctl.Restart(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both nodes resync", func() bool { return ra.Resyncs() > resyncsA && rb.Resyncs() > resyncsB })
	before := len(rb.Got("c"))
	_ = a.Publish(ctx, "c", []byte("after"))
	if got := rb.WaitFor(t, "c", before+1); got[len(got)-1] != "after" {
		t.Fatalf("after the restart the other node got %q", got[len(got)-1])
	}
	t.Logf("stats a=%+v b=%+v", a.Stats(), b.Stats())
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestClusterContract runs the contract on a three-master Redis Cluster:
// topics spread over hash-tagged shards, one subscription per shard.
func TestClusterContract(t *testing.T) {
	addrs := testenv.StartRedisCluster(t, 3)
	url := "redis://" + addrs[0] + "?addr=" + addrs[1] + "&addr=" + addrs[2]
	openCluster := func(t *testing.T) bus.Bus {
		b, err := redis.New(redis.Config{URL: url, Cluster: true, Shards: 4, Prefix: "t" + t.Name() + ":",
			Log: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = b.Close() })
		return b
	}
	bustest.Run(t, openCluster)
	bustest.RunNodes(t, func(t *testing.T) (bus.Bus, bus.Bus) { return openCluster(t), openCluster(t) })
}
