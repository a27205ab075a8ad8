// Package bus defines the seam that carries events between server nodes.
// The in-process implementation (memory) serves a single node; the Redis
// implementation serves several. The bus is only a fast wake-up: the store is
// the truth, and a node that may have missed traffic catches up from it.
package bus

import (
	"context"
	"errors"
)

// ErrClosed is returned by a bus that has been closed.
var ErrClosed = errors.New("bus: closed")

// Receiver gets what the bus carries. A process has one receiver, its hub.
type Receiver interface {
	// Receive is called for every payload published on a subscribed topic.
	// It must not block.
	Receive(topic string, payload []byte)
	// Resync is called after the bus may have dropped payloads (a
	// reconnect), so the receiver can catch up from the store.
	Resync()
}

// Bus publishes payloads to topics and delivers the payloads of subscribed
// topics to one Receiver. Subscriptions are per process, not per socket.
type Bus interface {
	// Listen sets the receiver; it is called once, before Subscribe.
	Listen(r Receiver)
	// Publish sends payload to every node subscribed to topic.
	Publish(ctx context.Context, topic string, payload []byte) error
	// Subscribe starts delivering topic's payloads to the receiver.
	Subscribe(ctx context.Context, topic string) error
	// Unsubscribe stops delivering topic's payloads.
	Unsubscribe(ctx context.Context, topic string) error
	// Ping reports whether the bus can carry traffic.
	Ping(ctx context.Context) error
	// Close stops the bus.
	Close() error
}
