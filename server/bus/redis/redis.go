// Package redis is the bus for several nodes: Redis pub/sub carries each
// node's events to the others.
//
// One PubSub connection per process feeds the local receiver (the hub);
// sockets never subscribe to Redis themselves. Publishes are delivered to
// the local receiver at once and queued for Redis, where a single
// publisher pipelines them in batches, so throughput holds at thousands of
// messages a second and a node keeps serving its own sockets while Redis
// is down. Redis pub/sub is at most once: whenever this node may have
// missed or failed to send traffic (a lost connection, a failed or dropped
// publish), receivers are told to Resync and catch up from the store,
// which is the truth.
package redis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/parley-chat/parley/server/bus"
)

var _ bus.Bus = (*Bus)(nil)

// Config configures a Bus.
type Config struct {
	// URL is a redis:// or rediss:// URL.
	URL string
	// Sharded uses sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7+).
	Sharded bool
	// Cluster connects to a Redis Cluster (URL as go-redis ParseClusterURL
	// reads it: redis://host1:6379?addr=host2:6379&addr=host3:6379) and
	// implies Sharded: topics are spread over Shards hash-tagged channel
	// groups, each group in one slot with one subscription, so a process
	// holds Shards subscriptions whatever its number of sockets.
	Cluster bool
	// Prefix is put before every channel name; "parley:" when empty.
	Prefix string
	// QueueSize bounds the publishes waiting for Redis; 65,536 when 0.
	// A full queue drops the publish and makes every node resync.
	QueueSize int
	// Log receives connection changes; slog.Default() when nil.
	Log *slog.Logger
	// Shards is the number of channel groups on a cluster; 16 when 0.
	Shards int
}

// Stats counts what the bus did, for metrics.
type Stats struct {
	Published  uint64 // payloads written to Redis
	Received   uint64 // payloads from other nodes handed to the receiver
	Dropped    uint64 // publishes lost because Redis was unreachable or slow
	Reconnects uint64 // times the subscription came back after a loss
	Connected  bool   // whether the subscription is up now
}

// Bus is a bus.Bus over Redis pub/sub.
type Bus struct {
	client goredis.UniversalClient
	shards []*shard
	cfg    Config
	log    *slog.Logger
	node   string // this process's id, put before every payload
	queue  chan outgoing

	mu     sync.RWMutex // guards the fields below and every shard's waiting
	r      bus.Receiver
	topics map[string]bool
	closed bool

	mustResync                               atomic.Bool // a publish was lost: announce a resync once Redis answers
	published, received, dropped, reconnects atomic.Uint64

	cancel  context.CancelFunc
	pubDone chan struct{} // closed when the publisher has drained the queue
}

// outgoing is one queued publish.
type outgoing struct {
	channel string
	payload []byte
}

// resyncTopic carries "a node lost publishes" notices. Topics never start
// with '!'.
const resyncTopic = "!resync"

// nodeIDLen is the length of the node id put before every payload.
const nodeIDLen = 16

// New connects to Redis and starts the subscriber and the publisher. It
// fails when the URL is invalid, not when Redis is down: the bus then
// keeps trying and serves the local node meanwhile.
func New(cfg Config) (*Bus, error) {
	cfg = withDefaults(cfg)
	client, err := NewClient(cfg.URL, cfg.Cluster)
	if err != nil {
		return nil, fmt.Errorf("redis bus: %w", err)
	}
	id := make([]byte, nodeIDLen/2)
	_, _ = rand.Read(id)
	b := &Bus{client: client, cfg: cfg, log: cfg.Log, node: hex.EncodeToString(id),
		queue: make(chan outgoing, cfg.QueueSize), topics: map[string]bool{}, pubDone: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	for i := range cfg.Shards {
		sh := b.newShard(i)
		b.shards = append(b.shards, sh)
		go sh.receive(ctx)
	}
	go b.publish(ctx)
	return b, nil
}

// NewClient returns a client of one Redis or of a cluster (see
// Config.Cluster) whose commands do not retry: Parley's callers fall back
// or resync at once rather than wait on a dead Redis.
func NewClient(url string, cluster bool) (goredis.UniversalClient, error) {
	if cluster {
		opt, err := goredis.ParseClusterURL(url)
		if err != nil {
			return nil, err
		}
		opt.MaxRetries = -1
		return goredis.NewClusterClient(opt), nil
	}
	opt, err := goredis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	opt.MaxRetries = -1
	return goredis.NewClient(opt), nil
}

func withDefaults(cfg Config) Config {
	if cfg.Prefix == "" {
		cfg.Prefix = "parley:"
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 1 << 16
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	switch {
	case !cfg.Cluster:
		cfg.Shards = 1
	case cfg.Shards <= 0:
		cfg.Shards = 16
	}
	cfg.Sharded = cfg.Sharded || cfg.Cluster
	return cfg
}

// channel names topic's channel: in its shard's hash tag on a cluster.
func (b *Bus) channel(topic string) string { return b.cfg.Prefix + b.shardOf(topic).tag + topic }

// shardOf returns the shard that carries topic.
func (b *Bus) shardOf(topic string) *shard {
	if len(b.shards) == 1 {
		return b.shards[0]
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(topic))
	return b.shards[h.Sum32()%uint32(len(b.shards))]
}

// Listen sets the receiver.
func (b *Bus) Listen(r bus.Receiver) {
	b.mu.Lock()
	b.r = r
	b.mu.Unlock()
}

// Subscribe starts delivering topic. While Redis answers it returns once
// Redis has confirmed the subscription, so nothing published afterwards is
// missed; while Redis is down it returns at once, and the resync that
// follows the reconnect covers what was published meanwhile.
func (b *Bus) Subscribe(ctx context.Context, topic string) error {
	sh, ch := b.shardOf(topic), b.channel(topic)
	confirmed := make(chan struct{})
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return bus.ErrClosed
	}
	b.topics[topic] = true
	sh.waiting[ch] = append(sh.waiting[ch], confirmed)
	b.mu.Unlock()
	if err := sh.subscribe(ctx, ch); err != nil || !sh.up.Load() {
		return nil // go-redis resubscribes on reconnect, then we resync
	}
	select {
	case <-confirmed:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("redis bus: subscribe %s: %w", topic, ctx.Err())
	}
}

// Unsubscribe stops delivering topic.
func (b *Bus) Unsubscribe(ctx context.Context, topic string) error {
	b.mu.Lock()
	delete(b.topics, topic)
	b.mu.Unlock()
	sh := b.shardOf(topic)
	if err := sh.unsubscribe(ctx, b.channel(topic)); err != nil && sh.up.Load() {
		return fmt.Errorf("redis bus: unsubscribe %s: %w", topic, err)
	}
	return nil // while Redis is down, a stale subscription only costs traffic
}

// Ping reports whether Redis answers.
func (b *Bus) Ping(ctx context.Context) error {
	if b.isClosed() {
		return bus.ErrClosed
	}
	if err := b.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis bus: ping: %w", err)
	}
	return nil
}

// Stats returns the bus's counters.
func (b *Bus) Stats() Stats {
	up := true
	for _, sh := range b.shards {
		up = up && sh.up.Load()
	}
	return Stats{Published: b.published.Load(), Received: b.received.Load(), Dropped: b.dropped.Load(),
		Reconnects: b.reconnects.Load(), Connected: up}
}

// Close stops the loops and closes the connections. Publishes still
// queued are sent first, for up to a second.
func (b *Bus) Close() error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	b.mu.Unlock()
	close(b.queue)
	select {
	case <-b.pubDone:
	case <-time.After(time.Second):
	}
	b.cancel()
	var errs []error
	for _, sh := range b.shards {
		errs = append(errs, sh.ps.Close())
	}
	err := errors.Join(append(errs, b.client.Close())...)
	<-b.pubDone
	for _, sh := range b.shards {
		<-sh.done
	}
	if err != nil {
		return fmt.Errorf("redis bus: close: %w", err)
	}
	return nil
}

func (b *Bus) isClosed() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.closed
}
