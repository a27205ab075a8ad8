package redis

import (
	"context"
	"errors"
	"strings"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// healthEvery is how often an idle subscription is pinged, so a silently
// dead connection is noticed.
const healthEvery = 5 * time.Second

// receive reads the subscription until ctx ends: payloads of other nodes
// go to the receiver, confirmations release Subscribe calls, and the first
// answer after a loss makes the receiver resync.
func (b *Bus) receive(ctx context.Context) {
	defer close(b.recvDone)
	backoff := 50 * time.Millisecond
	for ctx.Err() == nil {
		msg, err := b.ps.ReceiveTimeout(ctx, healthEvery)
		if err != nil {
			if ctx.Err() != nil {
				return // closing
			}
			if isTimeout(err) {
				_ = b.ps.Ping(ctx) // the answer (or the failure) arrives on the next read
				continue
			}
			b.down(err)
			select {
			case <-ctx.Done():
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, time.Second)
			continue
		}
		backoff = 50 * time.Millisecond
		b.handle(msg)
	}
}

// handle acts on one thing read from the subscription.
func (b *Bus) handle(msg any) {
	if !b.up.Swap(true) {
		b.reconnected()
	}
	switch m := msg.(type) {
	case *goredis.Subscription:
		if m.Kind == "subscribe" || m.Kind == "ssubscribe" {
			b.confirm(m.Channel)
		}
	case *goredis.Message:
		b.deliver(m.Channel, m.Payload)
	}
}

// down notes a lost connection once per outage.
func (b *Bus) down(err error) {
	if !b.up.Swap(false) {
		return
	}
	b.log.Warn("redis bus: subscription lost; serving local sockets only until Redis answers", "err", err)
	b.mu.Lock() // Subscribe calls stop waiting: the resync after the reconnect covers them
	waiting := b.waiting
	b.waiting = map[string][]chan struct{}{}
	b.mu.Unlock()
	for _, cs := range waiting {
		for _, c := range cs {
			close(c)
		}
	}
}

// reconnected makes the receiver catch up from the store: whatever other
// nodes published while the subscription was down is lost to pub/sub. The
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

// confirm releases the Subscribe calls waiting for channel.
func (b *Bus) confirm(channel string) {
	b.mu.Lock()
	waiting := b.waiting[channel]
	delete(b.waiting, channel)
	b.mu.Unlock()
	for _, c := range waiting {
		close(c)
	}
}

// deliver hands another node's payload to the receiver.
func (b *Bus) deliver(channel, framed string) {
	topic, ok := strings.CutPrefix(channel, b.cfg.Prefix)
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
