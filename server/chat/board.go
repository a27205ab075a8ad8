package chat

import (
	"context"
	"time"

	"github.com/parley-chat/parley/server/hub"
)

// Board shares presence between the nodes of a cluster (presence.Redis).
// A single node has none: its own sockets are the whole truth.
type Board interface {
	// Sync records this node's agents (open sockets per agent), keeps the
	// away flags of those agents alive, and returns the sockets every
	// other live node holds per agent and which connected agents are away.
	Sync(ctx context.Context, sockets map[string]int) (others map[string]int, away map[string]bool, err error)
	// SetAway sets or clears an agent's away flag for every node. A flag
	// lapses a grace after no node keeps it alive.
	SetAway(ctx context.Context, agentID string, away bool) error
}

// PresenceSyncTopic carries "presence changed here" nudges between nodes,
// so the others sync at once instead of at their next heartbeat.
const PresenceSyncTopic = "presence-sync"

// Heartbeat is how often a node with a Board syncs presence.
const Heartbeat = 5 * time.Second

// ShareThrough makes p one node's view of a cluster: it syncs with b every
// Heartbeat, and at once when p changes or another node nudges, until ctx
// ends. Changes are then announced to this node's sockets only, since
// every node computes the same view for its own.
func (p *Presence) ShareThrough(ctx context.Context, b Board, h *hub.Hub) error {
	nudges, changed := make(nudger, 1), make(chan struct{}, 1)
	if err := h.Subscribe(ctx, nudges, PresenceSyncTopic); err != nil {
		return err
	}
	p.mu.Lock()
	p.board, p.changed = b, changed
	p.mu.Unlock()
	go p.syncLoop(ctx, h, nudges, changed)
	return nil
}

// nudger is a hub client that turns nudges into a signal.
type nudger chan struct{}

func (n nudger) Deliver(string, hub.Event) { n.poke() }
func (n nudger) Resync()                   { n.poke() }
func (n nudger) poke() {
	select {
	case n <- struct{}{}:
	default:
	}
}

// syncLoop syncs on every heartbeat and nudge; after a local change it
// syncs, then nudges the other nodes to read what it wrote.
func (p *Presence) syncLoop(ctx context.Context, h *hub.Hub, nudges nudger, changed chan struct{}) {
	t := time.NewTicker(Heartbeat)
	defer t.Stop()
	p.syncBoard(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.syncBoard(ctx)
		case <-nudges:
			p.syncBoard(ctx)
		case <-changed:
			p.syncBoard(ctx)
			_ = h.Publish(ctx, PresenceSyncTopic, hub.Event{})
		}
	}
}

// syncBoard exchanges state with the board and announces what changed.
// While the board fails, the last view stands rather than flapping.
func (p *Presence) syncBoard(ctx context.Context) {
	p.mu.Lock()
	sockets, b := copyMap(p.sockets), p.board
	p.mu.Unlock()
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	others, awayAll, err := b.Sync(sctx, sockets)
	if err != nil {
		return
	}
	p.apply(func(time.Time) { p.others, p.awayAll = others, awayAll })
}

func copyMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
