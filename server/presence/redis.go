// Package presence shares agents' presence between the nodes of a
// cluster through Redis (chat.Board).
//
// Each node heartbeats a hash of its agents' socket counts, which expires
// after the TTL, and lists itself in a sorted set scored by the time its
// entry lapses; readers ignore lapsed nodes, so a node that dies takes its
// agents offline within one TTL (plus a heartbeat). An away flag is a key
// per agent whose expiry every node the agent is connected to pushes
// forward on each heartbeat (PEXPIRE never revives a deleted key), so it
// lasts while the agent is connected anywhere, then a grace.
package presence

import (
	"context"
	"fmt"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/parley-chat/parley/server/chat"
)

// DefaultTTL is how long a node's heartbeat counts.
const DefaultTTL = 20 * time.Second

// Redis is a chat.Board kept in Redis.
type Redis struct {
	client goredis.UniversalClient
	node   string
	ttl    time.Duration
	grace  time.Duration // how long an away flag outlives the agent's last heartbeat
}

var _ chat.Board = (*Redis)(nil)

// Redis keys. They share one hash tag, so on a Redis Cluster they live in
// one slot and a sync's transaction may touch several of them.
const (
	nodesKey = "parley:{presence}:nodes" // sorted set: node id → lapse time (unix ms)
	nodeKey  = "parley:{presence}:node:" // + node id: hash agent id → sockets
	awayKey  = "parley:{presence}:away:" // + agent id: exists while the agent is away
)

// NewRedis returns the board of node (a unique id per process).
func NewRedis(client goredis.UniversalClient, node string, ttl, awayGrace time.Duration) *Redis {
	return &Redis{client: client, node: node, ttl: ttl, grace: awayGrace}
}

// Sync implements chat.Board in three pipelined round trips: write this
// node's state and read the live nodes, read their agents, read who of
// them is away.
func (r *Redis) Sync(ctx context.Context, sockets map[string]int) (map[string]int, map[string]bool, error) {
	nodes, err := r.write(ctx, time.Now(), sockets)
	if err != nil {
		return nil, nil, fmt.Errorf("presence: sync: %w", err)
	}
	others, err := r.readNodes(ctx, nodes)
	if err != nil {
		return nil, nil, fmt.Errorf("presence: sync: %w", err)
	}
	away, err := r.readAway(ctx, sockets, others)
	if err != nil {
		return nil, nil, fmt.Errorf("presence: sync: %w", err)
	}
	return others, away, nil
}

func (r *Redis) write(ctx context.Context, now time.Time, sockets map[string]int) ([]string, error) {
	pipe := r.client.TxPipeline()
	key := nodeKey + r.node
	pipe.Del(ctx, key)
	if len(sockets) > 0 {
		fields := make([]any, 0, 2*len(sockets))
		for id, n := range sockets {
			fields = append(fields, id, n)
			pipe.PExpire(ctx, awayKey+id, r.ttl+r.grace)
		}
		pipe.HSet(ctx, key, fields...)
		pipe.PExpire(ctx, key, r.ttl)
	}
	pipe.ZAdd(ctx, nodesKey, goredis.Z{Score: float64(now.Add(r.ttl).UnixMilli()), Member: r.node})
	pipe.ZRemRangeByScore(ctx, nodesKey, "-inf", strconv.FormatInt(now.UnixMilli(), 10))
	nodes := pipe.ZRange(ctx, nodesKey, 0, -1)
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, err
	}
	return nodes.Val(), nil
}

// readNodes sums the sockets the other live nodes hold per agent.
func (r *Redis) readNodes(ctx context.Context, nodes []string) (map[string]int, error) {
	pipe := r.client.Pipeline()
	var reads []*goredis.MapStringStringCmd
	for _, n := range nodes {
		if n != r.node {
			reads = append(reads, pipe.HGetAll(ctx, nodeKey+n))
		}
	}
	others := map[string]int{}
	if len(reads) == 0 {
		return others, nil
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, err
	}
	for _, rd := range reads {
		for id, v := range rd.Val() {
			n, _ := strconv.Atoi(v)
			others[id] += n
		}
	}
	return others, nil
}

// readAway returns which connected agents have an away flag.
func (r *Redis) readAway(ctx context.Context, sets ...map[string]int) (map[string]bool, error) {
	away := map[string]bool{}
	pipe := r.client.Pipeline()
	reads := map[string]*goredis.IntCmd{}
	for _, set := range sets {
		for id := range set {
			if reads[id] == nil {
				reads[id] = pipe.Exists(ctx, awayKey+id)
			}
		}
	}
	if len(reads) == 0 {
		return away, nil
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, err
	}
	for id, rd := range reads {
		if rd.Val() > 0 {
			away[id] = true
		}
	}
	return away, nil
}

// SetAway implements chat.Board. A flag set with the agent connected
// nowhere lapses after the grace.
func (r *Redis) SetAway(ctx context.Context, agentID string, away bool) error {
	var err error
	if away {
		err = r.client.Set(ctx, awayKey+agentID, "1", r.ttl+r.grace).Err()
	} else {
		err = r.client.Del(ctx, awayKey+agentID).Err()
	}
	if err != nil {
		return fmt.Errorf("presence: set away: %w", err)
	}
	return nil
}
