package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/parley-chat/parley/server/account"
	"github.com/parley-chat/parley/server/bus"
	"github.com/parley-chat/parley/server/bus/memory"
	redisbus "github.com/parley-chat/parley/server/bus/redis"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/presence"
	"github.com/parley-chat/parley/server/ratelimit"
)

// cluster is what a node shares with the others: the bus and, with
// Redis, the client that shared rate limits and presence use. With
// PARLEY_REDIS_URL empty the node stands alone: an in-process bus and
// per-process limits.
type cluster struct {
	bus    bus.Bus
	redis  goredis.UniversalClient // nil for a single node
	cancel context.CancelFunc      // stops the presence heartbeat
	// redisStats reads the Redis bus's counters; nil for a single node.
	redisStats func() redisbus.Stats
}

// openCluster builds the bus named by cfg.
func openCluster(cfg config.Config, log *slog.Logger) (*cluster, error) {
	if cfg.RedisURL == "" {
		return &cluster{bus: memory.New()}, nil
	}
	b, err := redisbus.New(redisbus.Config{URL: cfg.RedisURL, Sharded: cfg.RedisSharded, Cluster: cfg.RedisCluster, Log: log})
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	client, err := redisbus.NewClient(cfg.RedisURL, cfg.RedisCluster)
	if err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("server: PARLEY_REDIS_URL: %w", err)
	}
	return &cluster{bus: b, redis: client, redisStats: b.Stats}, nil
}

// limiter returns a limiter of perMinute actions per key in bursts of
// burst, shared by every node when Redis is configured.
func (c *cluster) limiter(name string, perMinute, burst int, log *slog.Logger) ratelimit.Limiter {
	if c.redis == nil {
		return ratelimit.NewMemory(perMinute, burst)
	}
	return ratelimit.NewRedis(c.redis, name, perMinute, burst, log)
}

// sharePresence makes p the node's view of the whole cluster's presence,
// heartbeated to Redis; a single node's presence is its own.
func (c *cluster) sharePresence(p *chat.Presence, h *hub.Hub) error {
	if c.redis == nil {
		return nil
	}
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	board := presence.NewRedis(c.redis, hex.EncodeToString(id), presence.DefaultTTL, chat.DefaultAwayGrace)
	if err := p.ShareThrough(ctx, board, h); err != nil {
		return fmt.Errorf("server: share presence: %w", err)
	}
	return nil
}

// signInThrottle returns the failed sign-in counter when nodes share one:
// account options to add.
func (c *cluster) signInThrottle(log *slog.Logger) []account.Option {
	if c.redis == nil {
		return nil
	}
	return []account.Option{account.WithThrottle(
		ratelimit.NewRedis(c.redis, "signin", account.SignInAttempts, account.SignInAttempts, log).WithTimeout(2 * time.Second))}
}

// close releases the bus and the Redis client.
func (c *cluster) close() error {
	if c.cancel != nil {
		c.cancel()
	}
	err := c.bus.Close()
	if c.redis != nil {
		if cerr := c.redis.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
