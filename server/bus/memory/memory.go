// Package memory is the in-process bus for a single node.
package memory

import (
	"context"
	"sync"

	"github.com/parley-chat/parley/server/bus"
)

var _ bus.Bus = (*Bus)(nil)

// Bus delivers published payloads synchronously to the local receiver for
// topics it has subscribed to.
type Bus struct {
	mu     sync.RWMutex
	r      bus.Receiver
	topics map[string]bool
	closed bool
}

// New returns an empty in-process bus.
func New() *Bus { return &Bus{topics: make(map[string]bool)} }

// Listen sets the receiver.
func (b *Bus) Listen(r bus.Receiver) {
	b.mu.Lock()
	b.r = r
	b.mu.Unlock()
}

// Publish hands payload to the receiver when topic is subscribed.
func (b *Bus) Publish(_ context.Context, topic string, payload []byte) error {
	b.mu.RLock()
	r, ok, closed := b.r, b.topics[topic], b.closed
	b.mu.RUnlock()
	if closed {
		return bus.ErrClosed
	}
	if ok && r != nil {
		r.Receive(topic, payload)
	}
	return nil
}

// Subscribe marks topic as wanted.
func (b *Bus) Subscribe(_ context.Context, topic string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return bus.ErrClosed
	}
	b.topics[topic] = true
	return nil
}

// Unsubscribe forgets topic.
func (b *Bus) Unsubscribe(_ context.Context, topic string) error {
	b.mu.Lock()
	delete(b.topics, topic)
	b.mu.Unlock()
	return nil
}

// Ping always succeeds while the bus is open.
func (b *Bus) Ping(context.Context) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.closed {
		return bus.ErrClosed
	}
	return nil
}

// Close stops delivery.
func (b *Bus) Close() error {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	return nil
}
