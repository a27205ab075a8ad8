package server

import (
	"fmt"
	"log/slog"

	goredis "github.com/redis/go-redis/v9"

	"github.com/parley-chat/parley/server/bus"
	"github.com/parley-chat/parley/server/bus/memory"
	redisbus "github.com/parley-chat/parley/server/bus/redis"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/ratelimit"
)

// cluster is what a node shares with the others: the bus and, with
// Redis, the client that shared rate limits and presence use. With
// PARLEY_REDIS_URL empty the node stands alone: an in-process bus and
// per-process limits.
type cluster struct {
	bus   bus.Bus
	redis goredis.UniversalClient // nil for a single node
}

// openCluster builds the bus named by cfg.
func openCluster(cfg config.Config, log *slog.Logger) (*cluster, error) {
	if cfg.RedisURL == "" {
		return &cluster{bus: memory.New()}, nil
	}
	b, err := redisbus.New(redisbus.Config{URL: cfg.RedisURL, Sharded: cfg.RedisSharded, Log: log})
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	opt, err := goredis.ParseURL(cfg.RedisURL)
	if err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("server: PARLEY_REDIS_URL: %w", err)
	}
	opt.MaxRetries = -1 // callers fall back at once rather than retry a dead Redis
	return &cluster{bus: b, redis: goredis.NewClient(opt)}, nil
}

// limiter returns a limiter of perMinute actions per key in bursts of
// burst, shared by every node when Redis is configured.
func (c *cluster) limiter(name string, perMinute, burst int, log *slog.Logger) ratelimit.Limiter {
	if c.redis == nil {
		return ratelimit.NewMemory(perMinute, burst)
	}
	return ratelimit.NewRedis(c.redis, name, perMinute, burst, log)
}

// close releases the bus and the Redis client.
func (c *cluster) close() error {
	err := c.bus.Close()
	if c.redis != nil {
		if cerr := c.redis.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
