package ratelimit

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Redis is a token-bucket limiter shared by every node through Redis. The
// bucket lives in a Redis hash updated by one Lua script, on Redis's own
// clock, so nodes agree whatever their clocks say. When Redis does not
// answer within a short timeout the limiter falls back to a limiter of its
// own process, so a dead Redis neither blocks nor unlimits anyone.
type Redis struct {
	client   goredis.UniversalClient
	prefix   string
	rate     float64 // tokens per millisecond
	burst    float64
	fallback *Memory
	log      *slog.Logger
	timeout  time.Duration
	failing  atomic.Bool
}

var _ Limiter = (*Redis)(nil)

// DefaultRedisTimeout bounds every call, so a slow Redis costs a request
// little; past it the node-local fallback decides.
const DefaultRedisTimeout = 250 * time.Millisecond

// bucketScript takes one token (ARGV[3] = 1) or only looks (0). It returns
// {allowed, wait in ms}.
var bucketScript = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate, burst, take = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens, at = tonumber(v[1]) or burst, tonumber(v[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local ok = 0
if tokens >= 1 then ok = 1 end
if take == 1 then
  if ok == 1 then tokens = tokens - 1 end
  redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
end
local wait = 0
if ok == 0 then wait = math.ceil((1 - tokens) / rate) end
return {ok, wait}
`)

// NewRedis allows perMinute actions per key on average, in bursts of up
// to burst, counting across every node that uses the same Redis and
// name. name keeps limiters apart ("sends", "logins").
func NewRedis(client goredis.UniversalClient, name string, perMinute, burst int, log *slog.Logger) *Redis {
	return &Redis{client: client, prefix: "parley:rl:" + name + ":", rate: float64(perMinute) / 60000,
		burst: float64(burst), fallback: NewMemory(perMinute, burst), log: log, timeout: DefaultRedisTimeout}
}

// WithTimeout sets how long a call waits for Redis before the node-local
// fallback decides; sign-ins can afford to wait longer than messages.
func (r *Redis) WithTimeout(d time.Duration) *Redis {
	r.timeout = d
	return r
}

// Allow implements Limiter.
func (r *Redis) Allow(key string) (bool, time.Duration) {
	ok, wait, err := r.run(key, 1)
	if err != nil {
		return r.fallback.Allow(key)
	}
	return ok, wait
}

// Exhausted reports whether key has no token left, without taking one.
func (r *Redis) Exhausted(key string) bool {
	ok, _, err := r.run(key, 0)
	if err != nil {
		return r.fallback.Exhausted(key)
	}
	return !ok
}

func (r *Redis) run(key string, take int) (bool, time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	res, err := bucketScript.Run(ctx, r.client, []string{r.prefix + key}, r.rate, r.burst, take).Int64Slice()
	if err == nil && len(res) != 2 {
		err = goredis.Nil
	}
	if err != nil {
		if !r.failing.Swap(true) {
			r.log.Warn("ratelimit: Redis unavailable; limiting per node until it answers", "err", err)
		}
		return false, 0, err
	}
	if r.failing.Swap(false) {
		r.log.Info("ratelimit: Redis answers again; limits are shared")
	}
	return res[0] == 1, time.Duration(res[1]) * time.Millisecond, nil
}
