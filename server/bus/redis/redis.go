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
	// Prefix is put before every channel name; "parley:" when empty.
	Prefix string
	// QueueSize bounds the publishes waiting for Redis; 65,536 when 0.
	// A full queue drops the publish and makes every node resync.
	QueueSize int
	// Log receives connection changes; slog.Default() when nil.
	Log *slog.Logger
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
	ps     *goredis.PubSub
	cfg    Config
	log    *slog.Logger
	node   string // this process's id, put before every payload
	queue  chan outgoing

	mu      sync.RWMutex
	r       bus.Receiver
	topics  map[string]bool
	waiting map[string][]chan struct{} // channel → Subscribe calls awaiting confirmation
	closed  bool

	up                                       atomic.Bool // the subscription connection is working
	mustResync                               atomic.Bool // a publish was lost: announce a resync once Redis answers
	published, received, dropped, reconnects atomic.Uint64

	cancel   context.CancelFunc
	pubDone  chan struct{} // closed when the publisher has drained the queue
	recvDone chan struct{} // closed when the subscriber has stopped
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
	opt, err := goredis.ParseURL(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("redis bus: %w", err)
	}
	opt.MaxRetries = -1 // the publisher handles failures itself
	cfg = withDefaults(cfg)
	id := make([]byte, nodeIDLen/2)
	_, _ = rand.Read(id)
	b := &Bus{
		client: goredis.NewClient(opt), cfg: cfg, log: cfg.Log, node: hex.EncodeToString(id),
		queue: make(chan outgoing, cfg.QueueSize), topics: map[string]bool{}, waiting: map[string][]chan struct{}{},
		pubDone: make(chan struct{}), recvDone: make(chan struct{}),
	}
	b.ps = b.newPubSub(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	go b.receive(ctx)
	go b.publish(ctx)
	return b, nil
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
	return cfg
}

// newPubSub opens the subscription, listening on the resync channel.
func (b *Bus) newPubSub(ctx context.Context) *goredis.PubSub {
	ch := b.channel(resyncTopic)
	if b.cfg.Sharded {
		return b.client.SSubscribe(ctx, ch)
	}
	return b.client.Subscribe(ctx, ch)
}

func (b *Bus) channel(topic string) string { return b.cfg.Prefix + topic }

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
	ch := b.channel(topic)
	confirmed := make(chan struct{})
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return bus.ErrClosed
	}
	b.topics[topic] = true
	b.waiting[ch] = append(b.waiting[ch], confirmed)
	b.mu.Unlock()
	var err error
	if b.cfg.Sharded {
		err = b.ps.SSubscribe(ctx, ch)
	} else {
		err = b.ps.Subscribe(ctx, ch)
	}
	if err != nil || !b.up.Load() {
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
	var err error
	if b.cfg.Sharded {
		err = b.ps.SUnsubscribe(ctx, b.channel(topic))
	} else {
		err = b.ps.Unsubscribe(ctx, b.channel(topic))
	}
	if err != nil && b.up.Load() {
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
	return Stats{Published: b.published.Load(), Received: b.received.Load(), Dropped: b.dropped.Load(),
		Reconnects: b.reconnects.Load(), Connected: b.up.Load()}
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
	err := errors.Join(b.ps.Close(), b.client.Close())
	<-b.pubDone
	<-b.recvDone
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
