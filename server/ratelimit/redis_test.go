package ratelimit_test

import (
	"log/slog"
	"testing"

	goredis "github.com/redis/go-redis/v9"

	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/ratelimit"
)

// TestRedisShared: two nodes' limiters share one bucket; with Redis dead
// each falls back to its own, and after a restart they share again.
func TestRedisShared(t *testing.T) {
	addr, ctl := testenv.StartRedis(t)
	log := slog.New(slog.DiscardHandler)
	client := func() goredis.UniversalClient {
		c := goredis.NewClient(&goredis.Options{Addr: addr, MaxRetries: -1})
		t.Cleanup(func() { _ = c.Close() })
		return c
	}
	a := ratelimit.NewRedis(client(), "t", 1, 3, log)
	b := ratelimit.NewRedis(client(), "t", 1, 3, log)
	allowed := 0
	for i := range 6 {
		l := a
		if i%2 == 1 {
			l = b
		}
		if ok, _ := l.Allow("v"); ok {
			allowed++
		}
	}
	if allowed != 3 {
		t.Fatalf("two nodes allowed %d of 6 actions, want the shared burst of 3", allowed)
	}
	ok, wait := a.Allow("v")
	if ok || wait <= 0 || wait > 61e9 {
		t.Fatalf("refused action: ok=%v wait=%v, want refused with a wait up to a minute", ok, wait)
	}
	if !b.Exhausted("v") || a.Exhausted("other") {
		t.Fatal("Exhausted disagrees with the shared bucket")
	}

	if err := ctl.Kill(); err != nil {
		t.Fatal(err)
	}
	if ok, _ := a.Allow("w"); !ok {
		t.Fatal("with Redis down the node-local fallback refused a first action")
	}
	if err := ctl.Restart(); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if ok, _ := a.Allow("x"); !ok {
			t.Fatal("after the restart an action within the burst was refused")
		}
	}
	if ok, _ := b.Allow("x"); ok {
		t.Fatal("after the restart the nodes no longer share the bucket")
	}
}
