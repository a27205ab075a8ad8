package chat

import (
	"context"
	"sync"
	"time"

	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/shared/protocol"
)

// DefaultAwayGrace is how long an away agent with no socket open stays
// away: a reload (every tab closes, one opens again) keeps "away".
const DefaultAwayGrace = 2 * time.Minute

// Presence tracks which agents are connected to this node and whether
// they set themselves away. An agent is online with at least one socket
// and not away, away with sockets and the flag, offline with no socket.
// The site is online for visitors while one agent is online.
//
// Its methods are the seam the scale-out issue moves to Redis: sockets
// become TTL heartbeats and the away flag a key that expires after the
// grace; AgentConnected, AgentDisconnected and SetAway change state,
// State, States and Current read it, Announce says where changes go.
type Presence struct {
	pubMu     sync.Mutex // held while deciding and announcing, so announcements never reorder
	mu        sync.Mutex
	sockets   map[string]int       // agent id → open sockets
	away      map[string]time.Time // agent id → when the flag lapses with no socket open; zero while one is
	replyTime int
	grace     time.Duration
	now       func() time.Time
	publish   func(online, local bool)
	team      func(agentID, state string, local bool)

	// With a Board (ShareThrough), what the other nodes hold.
	board   Board
	changed chan struct{}   // pokes the sync loop after a local change
	others  map[string]int  // agent id → sockets on other live nodes
	awayAll map[string]bool // away flags in force on any node
}

// PresenceOption adjusts a Presence.
type PresenceOption func(*Presence)

// AwayGrace sets how long the away flag outlives an agent's last socket.
func AwayGrace(d time.Duration) PresenceOption { return func(p *Presence) { p.grace = d } }

// PresenceClock replaces time.Now, for tests.
func PresenceClock(now func() time.Time) PresenceOption { return func(p *Presence) { p.now = now } }

// NewPresence returns a tracker announcing "replies in about replyTimeS".
func NewPresence(replyTimeS int, opts ...PresenceOption) *Presence {
	p := &Presence{sockets: make(map[string]int), away: make(map[string]time.Time), awayAll: map[string]bool{}, replyTime: replyTimeS,
		grace: DefaultAwayGrace, now: time.Now, publish: func(bool, bool) {}, team: func(string, string, bool) {}}
	for _, o := range opts {
		o(p)
	}
	return p
}

// Announce makes presence changes reach visitors (PresenceTopic) and
// agents (a team frame on AgentsTopic) through h: on every node, or only
// on this one when every node works the view out itself (ShareThrough).
func (p *Presence) Announce(h *hub.Hub) {
	p.publish = func(online, local bool) { announce(h, PresenceTopic, p.frame(online), local) }
	p.team = func(agentID, state string, local bool) {
		announce(h, AgentsTopic, protocol.Team{Type: protocol.TypeTeam, Agent: agentID, State: state}, local)
	}
}

func announce(h *hub.Hub, topic string, frame any, local bool) {
	b, err := protocol.Encode(frame)
	switch {
	case err != nil:
	case local:
		h.PublishLocal(topic, hub.Event{Frame: b})
	default:
		_ = h.Publish(context.Background(), topic, hub.Event{Frame: b})
	}
}

// AgentConnected counts a new agent socket. An agent who went away and
// comes back within the grace is still away.
func (p *Presence) AgentConnected(agentID string) {
	p.update(agentID, func(now time.Time) {
		if until, ok := p.away[agentID]; ok && p.sockets[agentID] == 0 {
			if until.IsZero() || now.Before(until) {
				p.away[agentID] = time.Time{}
			} else {
				delete(p.away, agentID)
			}
		}
		p.sockets[agentID]++
	})
}

// AgentDisconnected forgets an agent socket; the last one closing makes
// the agent offline and starts the away flag's grace.
func (p *Presence) AgentDisconnected(agentID string) {
	p.update(agentID, func(now time.Time) {
		if p.sockets[agentID]--; p.sockets[agentID] > 0 {
			return
		}
		delete(p.sockets, agentID)
		if _, ok := p.away[agentID]; ok {
			p.away[agentID] = now.Add(p.grace)
		}
	})
}

// SetAway sets or clears an agent's away flag and returns their state.
// Set with no socket open, the flag waits the grace for one. With a Board
// the flag is written there first, for every node.
func (p *Presence) SetAway(agentID string, away bool) string {
	p.mu.Lock()
	b := p.board
	p.mu.Unlock()
	if b != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_ = b.SetAway(ctx, agentID, away) // on failure this node still knows; the others at the next change
		cancel()
	}
	p.update(agentID, func(now time.Time) {
		switch {
		case b != nil && away: // the board keeps the flag; this is the view until the next sync
			p.awayAll[agentID] = true
		case b != nil:
			delete(p.awayAll, agentID)
		case !away:
			delete(p.away, agentID)
		case p.sockets[agentID] > 0:
			p.away[agentID] = time.Time{}
		default:
			p.away[agentID] = now.Add(p.grace)
		}
	})
	return p.State(agentID)
}

// update applies a local change and, with a Board, has it synced.
func (p *Presence) update(agentID string, change func(now time.Time)) {
	p.apply(change)
	p.mu.Lock()
	changed := p.changed
	p.mu.Unlock()
	if changed != nil {
		select {
		case changed <- struct{}{}:
		default:
		}
	}
}

// apply makes change under the lock and announces what it changed: each
// agent's state to agents, the site's to visitors.
func (p *Presence) apply(change func(now time.Time)) {
	p.pubMu.Lock()
	defer p.pubMu.Unlock()
	p.mu.Lock()
	wasSite, was := p.onlineLocked(), p.statesLocked()
	now := p.now()
	change(now)
	p.pruneLocked(now)
	site, states, local := p.onlineLocked(), p.statesLocked(), p.board != nil
	p.mu.Unlock()
	for id, state := range states {
		if was[id] != state {
			p.team(id, state, local)
		}
	}
	for id := range was {
		if _, ok := states[id]; !ok {
			p.team(id, protocol.AgentOffline, local)
		}
	}
	if site != wasSite {
		p.publish(site, local)
	}
}

// pruneLocked drops away flags whose grace ran out.
func (p *Presence) pruneLocked(now time.Time) {
	for id, until := range p.away {
		if !until.IsZero() && !now.Before(until) {
			delete(p.away, id)
		}
	}
}

func (p *Presence) stateLocked(agentID string) string {
	switch {
	case p.sockets[agentID]+p.others[agentID] == 0:
		return protocol.AgentOffline
	case p.isAwayLocked(agentID):
		return protocol.AgentAway
	}
	return protocol.AgentOnline
}

func (p *Presence) isAwayLocked(agentID string) bool {
	_, ok := p.away[agentID]
	return ok || p.awayAll[agentID]
}

func (p *Presence) onlineLocked() bool {
	for _, state := range p.statesLocked() {
		if state == protocol.AgentOnline {
			return true
		}
	}
	return false
}

// statesLocked returns the state of every agent connected to any node.
func (p *Presence) statesLocked() map[string]string {
	out := make(map[string]string, len(p.sockets)+len(p.others))
	for id := range p.sockets {
		out[id] = p.stateLocked(id)
	}
	for id := range p.others {
		out[id] = p.stateLocked(id)
	}
	return out
}

// State returns an agent's state: protocol.AgentOnline, AgentAway or
// AgentOffline.
func (p *Presence) State(agentID string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stateLocked(agentID)
}

// Away reports whether an agent's away flag is set, connected or not
// (within the grace).
func (p *Presence) Away(agentID string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	until, ok := p.away[agentID]
	return ok && (until.IsZero() || p.now().Before(until)) || p.awayAll[agentID]
}

// States returns the state of every connected agent; the others are
// offline.
func (p *Presence) States() map[string]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.statesLocked()
}

// Current returns the presence a visitor sees now.
func (p *Presence) Current() protocol.Presence {
	p.mu.Lock()
	online := p.onlineLocked()
	p.mu.Unlock()
	f := p.frame(online)
	f.Type = ""
	return f
}

func (p *Presence) frame(online bool) protocol.Presence {
	return protocol.Presence{Type: protocol.TypePresence, Online: online, ReplyTimeS: p.replyTime}
}
