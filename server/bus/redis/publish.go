package redis

import (
	"context"
	"time"

	"github.com/parley-chat/parley/server/bus"
	"github.com/parley-chat/parley/server/internal/batch"
)

// maxBatch is how many queued publishes go to Redis in one pipeline.
const maxBatch = 512

// Publish delivers payload to this node's receiver at once, when topic is
// subscribed here, and queues it for the other nodes. It never waits for
// Redis: when the queue is full the payload is dropped for the other nodes,
// counted, and they are told to resync once Redis answers again.
func (b *Bus) Publish(_ context.Context, topic string, payload []byte) error {
	framed := make([]byte, 0, nodeIDLen+len(payload))
	framed = append(append(framed, b.node...), payload...)
	b.mu.RLock()
	if b.closed {
		b.mu.RUnlock()
		return bus.ErrClosed
	}
	r, local := b.r, b.topics[topic]
	select { // under the lock, so Close cannot close the queue meanwhile
	case b.queue <- outgoing{channel: b.channel(topic), payload: framed}:
	default:
		b.lost(1)
	}
	b.mu.RUnlock()
	if local && r != nil {
		r.Receive(topic, payload)
	}
	return nil
}

// lost records publishes the other nodes will not get.
func (b *Bus) lost(n int) {
	b.dropped.Add(uint64(n))
	if !b.mustResync.Swap(true) {
		b.log.Warn("redis bus: publishes lost; other nodes will resync from the store when Redis answers", "count", n)
	}
}

// publish sends the queue to Redis in pipelined batches until the queue
// is closed and drained.
func (b *Bus) publish(ctx context.Context) {
	defer close(b.pubDone)
	batch.Each(b.queue, maxBatch, func(out []outgoing) { b.send(ctx, out) })
}

// send writes one batch. On failure the batch is lost (the store has it)
// and the publisher pauses briefly, so a dead Redis costs little CPU.
func (b *Bus) send(ctx context.Context, out []outgoing) {
	if b.mustResync.Load() && b.announceResync(ctx) == nil {
		b.mustResync.Store(false)
	}
	pipe := b.client.Pipeline()
	for _, o := range out {
		if b.cfg.Sharded {
			pipe.SPublish(ctx, o.channel, o.payload)
		} else {
			pipe.Publish(ctx, o.channel, o.payload)
		}
	}
	if _, err := pipe.Exec(ctx); err != nil {
		b.lost(len(out))
		select {
		case <-ctx.Done():
		case <-time.After(200 * time.Millisecond):
		}
		return
	}
	b.published.Add(uint64(len(out)))
}

// announceResync tells every node to catch up from the store.
func (b *Bus) announceResync(ctx context.Context) error {
	payload := b.node
	ch := b.channel(resyncTopic)
	if b.cfg.Sharded {
		return b.client.SPublish(ctx, ch, payload).Err()
	}
	return b.client.Publish(ctx, ch, payload).Err()
}
