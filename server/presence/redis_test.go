package presence_test

import (
	"context"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/presence"
)

func TestRedisBoard(t *testing.T) {
	addr, _ := testenv.StartRedis(t)
	client := goredis.NewClient(&goredis.Options{Addr: addr})
	t.Cleanup(func() { _ = client.Close() })
	ctx := context.Background()
	const ttl, grace = 300 * time.Millisecond, 200 * time.Millisecond
	a := presence.NewRedis(client, "node-a", ttl, grace)
	b := presence.NewRedis(client, "node-b", ttl, grace)

	if _, _, err := a.Sync(ctx, map[string]int{"ada": 2, "bob": 1}); err != nil {
		t.Fatal(err)
	}
	others, away, err := b.Sync(ctx, map[string]int{"ada": 1})
	if err != nil {
		t.Fatal(err)
	}
	if others["ada"] != 2 || others["bob"] != 1 || len(away) != 0 {
		t.Fatalf("node b sees others=%v away=%v, want ada:2 bob:1 and nobody away", others, away)
	}

	if err := a.SetAway(ctx, "ada", true); err != nil {
		t.Fatal(err)
	}
	if _, away, _ = b.Sync(ctx, map[string]int{"ada": 1}); !away["ada"] {
		t.Fatal("ada's away flag, set through node a, is not seen on node b")
	}
	// Kept alive by b's heartbeats past the grace while ada is connected there.
	for range 4 {
		time.Sleep(ttl / 2)
		if _, away, _ = b.Sync(ctx, map[string]int{"ada": 1}); !away["ada"] {
			t.Fatal("the away flag lapsed while ada is still connected")
		}
	}
	// Node a stopped heartbeating: its agents are gone after the TTL.
	if others, _, _ = b.Sync(ctx, map[string]int{"ada": 1}); others["bob"] != 0 {
		t.Fatalf("node a's agents outlived its TTL: %v", others)
	}
	if err := b.SetAway(ctx, "ada", false); err != nil {
		t.Fatal(err)
	}
	if _, away, _ = b.Sync(ctx, map[string]int{"ada": 1}); away["ada"] {
		t.Fatal("the cleared away flag came back")
	}
	// A flag whose agent is connected nowhere lapses after TTL + grace.
	_ = a.SetAway(ctx, "cy", true)
	time.Sleep(ttl + grace + 50*time.Millisecond)
	if _, away, _ = a.Sync(ctx, map[string]int{"cy": 1}); away["cy"] {
		t.Fatal("an away flag nobody kept alive did not lapse")
	}
}
