package chat

import (
	"context"
	"sync"

	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/shared/protocol"
)

// Presence tracks which agents are connected to this node and tells
// visitors when the site goes from away to online and back. Sharing it
// across nodes through Redis is the scale-out issue's work.
type Presence struct {
	pubMu     sync.Mutex // held while deciding and announcing, so announcements never reorder
	mu        sync.Mutex
	sockets   map[string]int // agent id → open sockets
	replyTime int
	publish   func(online bool)
}

// NewPresence returns a tracker announcing "replies in about replyTimeS".
func NewPresence(replyTimeS int) *Presence {
	return &Presence{sockets: make(map[string]int), replyTime: replyTimeS, publish: func(bool) {}}
}

// Announce makes presence changes reach visitors through h.
func (p *Presence) Announce(h *hub.Hub) {
	p.publish = func(online bool) {
		b, err := protocol.Encode(p.frame(online))
		if err == nil {
			_ = h.Publish(context.Background(), PresenceTopic, hub.Event{Frame: b})
		}
	}
}

// AgentConnected counts a new agent socket.
func (p *Presence) AgentConnected(agentID string) {
	p.pubMu.Lock()
	defer p.pubMu.Unlock()
	p.mu.Lock()
	was := len(p.sockets) > 0
	p.sockets[agentID]++
	p.mu.Unlock()
	if !was {
		p.publish(true)
	}
}

// AgentDisconnected forgets an agent socket.
func (p *Presence) AgentDisconnected(agentID string) {
	p.pubMu.Lock()
	defer p.pubMu.Unlock()
	p.mu.Lock()
	if p.sockets[agentID]--; p.sockets[agentID] <= 0 {
		delete(p.sockets, agentID)
	}
	now := len(p.sockets) > 0
	p.mu.Unlock()
	if !now {
		p.publish(false)
	}
}

// Current returns the presence a visitor sees now.
func (p *Presence) Current() protocol.Presence {
	p.mu.Lock()
	online := len(p.sockets) > 0
	p.mu.Unlock()
	f := p.frame(online)
	f.Type = ""
	return f
}

func (p *Presence) frame(online bool) protocol.Presence {
	return protocol.Presence{Type: protocol.TypePresence, Online: online, ReplyTimeS: p.replyTime}
}
