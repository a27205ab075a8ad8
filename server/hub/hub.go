// Package hub fans events out to the sockets connected to this node. Events
// travel between nodes on the bus; the hub subscribes the bus to a topic while
// at least one local client wants it, and hands each received event to the
// local clients of that topic without ever blocking on them.
package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/parley-chat/parley/server/bus"
)

// Event is what the hub carries: a ready-to-send frame plus what a socket
// needs to order it.
type Event struct {
	// Origin is the id of the socket that caused the event; that socket
	// skips it (the sender learns of its own message from the ack).
	Origin string `json:"o,omitempty"`
	// Conv is the conversation the event belongs to.
	Conv string `json:"c,omitempty"`
	// Seq is the message's seq; events with Seq > 0 are delivered to each
	// socket in seq order, with gaps filled from the store.
	Seq int64 `json:"s,omitempty"`
	// Author and CMID identify a message's sender, so a socket can spot its
	// own sends without decoding the frame.
	Author string `json:"a,omitempty"`
	CMID   string `json:"m,omitempty"`
	// Frame is the encoded protocol frame.
	Frame json.RawMessage `json:"f,omitempty"`
	// Control, when set, is an order to the sockets rather than a frame:
	// "close" ends the sockets of Session (all of them when Session is "").
	Control string `json:"k,omitempty"`
	Session string `json:"x,omitempty"`
	// At is when the event was published, in Unix nanoseconds (Publish
	// sets it), so that sockets can tell how long delivery took.
	At int64 `json:"t,omitempty"`
}

// ControlClose ends sockets (see Event.Control).
const ControlClose = "close"

// Client is a local socket. Deliver and Resync must not block.
type Client interface {
	Deliver(topic string, ev Event)
	Resync()
}

// Hub routes bus traffic to local clients.
type Hub struct {
	bus bus.Bus
	log *slog.Logger

	mu     sync.RWMutex
	topics map[string]map[Client]struct{}

	subMu sync.Mutex // serialises bus subscription changes
	refs  map[string]int
}

// New returns a hub that listens on b.
func New(b bus.Bus, log *slog.Logger) *Hub {
	h := &Hub{bus: b, log: log, topics: make(map[string]map[Client]struct{}), refs: make(map[string]int)}
	b.Listen(h)
	return h
}

// Subscribe adds c to topics. When it returns without error, every event
// published on those topics from then on reaches c.
func (h *Hub) Subscribe(ctx context.Context, c Client, topics ...string) error {
	h.subMu.Lock()
	defer h.subMu.Unlock()
	for i, t := range topics {
		if h.refs[t] == 0 {
			if err := h.bus.Subscribe(ctx, t); err != nil {
				h.unsubscribeLocked(c, topics[:i])
				return fmt.Errorf("hub: subscribe %s: %w", t, err)
			}
		}
		h.refs[t]++
		h.mu.Lock()
		if h.topics[t] == nil {
			h.topics[t] = make(map[Client]struct{})
		}
		h.topics[t][c] = struct{}{}
		h.mu.Unlock()
	}
	return nil
}

// Unsubscribe removes c from topics.
func (h *Hub) Unsubscribe(c Client, topics ...string) {
	h.subMu.Lock()
	defer h.subMu.Unlock()
	h.unsubscribeLocked(c, topics)
}

func (h *Hub) unsubscribeLocked(c Client, topics []string) {
	for _, t := range topics {
		h.mu.Lock()
		_, had := h.topics[t][c]
		delete(h.topics[t], c)
		if len(h.topics[t]) == 0 {
			delete(h.topics, t)
		}
		h.mu.Unlock()
		if !had {
			continue
		}
		if h.refs[t]--; h.refs[t] <= 0 {
			delete(h.refs, t)
			if err := h.bus.Unsubscribe(context.Background(), t); err != nil {
				h.log.Warn("hub: bus unsubscribe failed", "topic", t, "err", err)
			}
		}
	}
}

// Publish sends ev to every subscriber of topic on every node.
func (h *Hub) Publish(ctx context.Context, topic string, ev Event) error {
	if ev.At == 0 {
		ev.At = time.Now().UnixNano()
	}
	if err := h.bus.Publish(ctx, topic, encodeEvent(ev)); err != nil {
		return fmt.Errorf("hub: publish %s: %w", topic, err)
	}
	return nil
}

// Receive implements bus.Receiver: it delivers a payload to local clients.
func (h *Hub) Receive(topic string, payload []byte) {
	ev, err := decodeEvent(payload)
	if err != nil {
		h.log.Error("hub: undecodable bus payload", "topic", topic, "err", err)
		return
	}
	h.PublishLocal(topic, ev)
}

// PublishLocal delivers ev to this node's subscribers of topic only.
func (h *Hub) PublishLocal(topic string, ev Event) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.topics[topic] {
		c.Deliver(topic, ev)
	}
}

// Resync implements bus.Receiver: every local client catches up from the
// store because the bus may have dropped events.
func (h *Hub) Resync() {
	h.mu.RLock()
	seen := make(map[Client]struct{})
	for _, cs := range h.topics {
		for c := range cs {
			seen[c] = struct{}{}
		}
	}
	h.mu.RUnlock()
	for c := range seen {
		c.Resync()
	}
}

// Topics returns how many topics have local subscribers.
func (h *Hub) Topics() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.topics)
}
