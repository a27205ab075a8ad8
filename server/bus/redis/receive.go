package redis

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// healthEvery is how often an idle subscription is pinged, so a silently
// dead connection is noticed.
const healthEvery = 5 * time.Second

// shard is one subscription connection: the only one on a single Redis;
// on a cluster, one per hash tag, every channel of which lives in one
// slot (and so on one node).
type shard struct {
	b       *Bus
	tag     string // "{n}" on a cluster, "" otherwise
	ps      *goredis.PubSub
	up      atomic.Bool                // the connection is working
	waiting map[string][]chan struct{} // channel → Subscribe calls awaiting confirmation; under b.mu
	done    chan struct{}              // closed when receive has returned
}

// newShard opens shard i's subscription, listening on its resync channel.
func (b *Bus) newShard(i int) *shard {
	sh := &shard{b: b, waiting: map[string][]chan struct{}{}, done: make(chan struct{})}
	if b.cfg.Cluster {
		sh.tag = "{" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "}"
	}
	ch := b.cfg.Prefix + sh.tag + resyncTopic
	if b.cfg.Sharded {
		sh.ps = b.client.SSubscribe(context.Background(), ch)
	} else {
		sh.ps = b.client.Subscribe(context.Background(), ch)
	}
	return sh
}

func (sh *shard) subscribe(ctx context.Context, ch string) error {
	if sh.b.cfg.Sharded {
		return sh.ps.SSubscribe(ctx, ch)
	}
	return sh.ps.Subscribe(ctx, ch)
}

func (sh *shard) unsubscribe(ctx context.Context, ch string) error {
	if sh.b.cfg.Sharded {
		return sh.ps.SUnsubscribe(ctx, ch)
	}
	return sh.ps.Unsubscribe(ctx, ch)
}

// receive reads the subscription until ctx ends: payloads of other nodes
// go to the receiver, confirmations release Subscribe calls, and the first
// answer after a loss makes the receiver resync.
func (sh *shard) receive(ctx context.Context) {
	defer close(sh.done)
	backoff := 50 * time.Millisecond
	for ctx.Err() == nil {
		msg, err := sh.ps.ReceiveTimeout(ctx, healthEvery)
		if err != nil {
			if ctx.Err() != nil {
				return // closing
			}
			if isTimeout(err) {
				_ = sh.ps.Ping(ctx) // the answer (or the failure) arrives on the next read
				continue
			}
			sh.down(err)
			select {
			case <-ctx.Done():
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, time.Second)
			continue
		}
		backoff = 50 * time.Millisecond
		sh.handle(msg)
	}
}

// handle acts on one thing read from the subscription.
func (sh *shard) handle(msg any) {
	if !sh.up.Swap(true) {
		sh.b.reconnected()
	}
	switch m := msg.(type) {
	case *goredis.Subscription:
		if m.Kind == "subscribe" || m.Kind == "ssubscribe" {
			sh.confirm(m.Channel)
		}
	case *goredis.Message:
		sh.b.deliver(m.Channel, m.Payload)
	}
}

// down notes a lost connection once per outage and releases the Subscribe
// calls waiting: the resync after the reconnect covers them.
func (sh *shard) down(err error) {
	if !sh.up.Swap(false) {
		return
	}
	sh.b.log.Warn("redis bus: subscription lost; serving local sockets only until Redis answers", "shard", sh.tag, "err", err)
	b := sh.b
	b.mu.Lock()
	waiting := sh.waiting
	sh.waiting = map[string][]chan struct{}{}
	b.mu.Unlock()
	for _, cs := range waiting {
		for _, c := range cs {
			close(c)
		}
	}
}

// confirm releases the Subscribe calls waiting for channel.
func (sh *shard) confirm(channel string) {
	sh.b.mu.Lock()
	waiting := sh.waiting[channel]
	delete(sh.waiting, channel)
	sh.b.mu.Unlock()
	for _, c := range waiting {
		close(c)
	}
}

// reconnected makes the receiver catch up from the store: whatever other
// nodes published while a subscription was down is lost to pub/sub. The
// first connection counts too, since Subscribe calls made before it
// returned without a confirmation.
func (b *Bus) reconnected() {
	b.reconnects.Add(1)
	b.log.Info("redis bus: subscription up; resyncing local sockets from the store")
	b.mu.RLock()
	r := b.r
	b.mu.RUnlock()
	if r != nil {
		r.Resync()
	}
}

// deliver hands another node's payload to the receiver.
func (b *Bus) deliver(channel, framed string) {
	topic, ok := strings.CutPrefix(channel, b.cfg.Prefix)
	if b.cfg.Cluster && ok {
		_, topic, ok = strings.Cut(topic, "}")
	}
	if !ok || len(framed) < nodeIDLen || framed[:nodeIDLen] == b.node {
		return
	}
	b.mu.RLock()
	r, subscribed := b.r, b.topics[topic]
	b.mu.RUnlock()
	switch {
	case r == nil:
	case topic == resyncTopic:
		r.Resync()
	case subscribed:
		b.received.Add(1)
		r.Receive(topic, []byte(framed[nodeIDLen:]))
	}
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}
