// Package chat holds Parley's domain rules: who may post where, and the
// order of work for every change — persist first, then publish on the bus
// for every node's hub to deliver. The WebSocket and REST layers call it;
// it knows nothing of HTTP.
package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// Topics on the bus.
const (
	// AgentsTopic carries every agent-facing event of the installation.
	AgentsTopic = "agents"
	// PresenceTopic carries presence changes to visitors.
	PresenceTopic = "presence"
)

// VisitorTopic carries the events of one visitor's conversations.
func VisitorTopic(visitorID string) string { return "visitor:" + visitorID }

// AgentTopic carries control events for one agent's sockets.
func AgentTopic(agentID string) string { return "agent:" + agentID }

// ErrForbidden is returned when an actor may not touch a conversation.
var ErrForbidden = errors.New("chat: forbidden")

// Service applies domain rules and publishes what changed.
type Service struct {
	store    store.Store
	hub      *hub.Hub
	log      *slog.Logger
	Presence *Presence
	visitors convVisitors
}

// New returns a Service.
func New(s store.Store, h *hub.Hub, log *slog.Logger, p *Presence) *Service {
	return &Service{store: s, hub: h, log: log, Presence: p}
}

// Store returns the underlying store for read-only queries.
func (s *Service) Store() store.Store { return s.store }

// Acker answers the sender once its message is stored, before anyone else
// is told (design §1: persist, acknowledge, publish). It may be nil.
type Acker func(store.Message)

func (a Acker) ack(m store.Message) {
	if a != nil {
		a(m)
	}
}

// VisitorSend stores a visitor's message (starting a conversation when conv
// is "") and publishes it. A retried cmid returns the stored message.
func (s *Service) VisitorSend(ctx context.Context, v store.Visitor, conv, cmid, body, origin string, ack Acker) (store.Message, error) {
	nm := store.NewMessage{ConvID: conv, AuthorKind: protocol.AuthorVisitor, AuthorID: v.ID, AuthorName: v.Name, CMID: cmid, Body: body}
	if conv == "" {
		c, m, err := s.store.StartConversation(ctx, v.SiteID, v.ID, nm)
		if err != nil {
			return store.Message{}, fmt.Errorf("chat: start conversation: %w", err)
		}
		s.visitors.put(c.ID, c.VisitorID)
		ack.ack(m)
		s.publishMessage(ctx, c.VisitorID, m, origin)
		return m, nil
	}
	// The store appends a visitor's message only to their own
	// conversation: another's is ErrNotFound, with no lookup first.
	m, err := s.store.AppendMessage(ctx, nm)
	if err != nil {
		return store.Message{}, fmt.Errorf("chat: visitor send to %s: %w", conv, err)
	}
	ack.ack(m)
	s.publishMessage(ctx, v.ID, m, origin)
	if m.Reopened {
		s.publishReopened(ctx, conv)
	}
	return m, nil
}

// AgentSend stores an agent's reply and publishes it.
func (s *Service) AgentSend(ctx context.Context, a store.Agent, conv, cmid, body, origin string, ack Acker) (store.Message, error) {
	visitor, err := s.visitorOf(ctx, conv)
	if err != nil {
		return store.Message{}, fmt.Errorf("chat: agent send: %w", err)
	}
	if cmid == "" {
		cmid = store.NewID("srv")
	}
	m, err := s.store.AppendMessage(ctx, store.NewMessage{ConvID: conv, AuthorKind: protocol.AuthorAgent,
		AuthorID: a.ID, AuthorName: a.Name, CMID: cmid, Body: body})
	if err != nil {
		return store.Message{}, fmt.Errorf("chat: agent send: %w", err)
	}
	ack.ack(m)
	s.publishMessage(ctx, visitor, m, origin)
	return m, nil
}

// AgentNote stores an internal note and publishes it to agents only.
func (s *Service) AgentNote(ctx context.Context, a store.Agent, conv, cmid, body, origin string) (store.Note, error) {
	if _, err := s.store.ConversationByID(ctx, conv); err != nil {
		return store.Note{}, fmt.Errorf("chat: agent note: %w", err)
	}
	if cmid == "" {
		cmid = store.NewID("srv")
	}
	n, err := s.store.AppendNote(ctx, store.NewMessage{ConvID: conv, AuthorKind: protocol.AuthorAgent,
		AuthorID: a.ID, AuthorName: a.Name, CMID: cmid, Body: body})
	if err != nil {
		return store.Note{}, fmt.Errorf("chat: agent note: %w", err)
	}
	s.publish(ctx, AgentsTopic, hub.Event{Origin: origin, Conv: conv}, NoteFrame(n))
	return n, nil
}

// Update changes a conversation's state and tells its visitor and agents.
func (s *Service) Update(ctx context.Context, id string, p store.ConversationPatch) (store.Conversation, error) {
	if p.Status != nil && !protocol.ValidStatus(*p.Status) {
		return store.Conversation{}, fmt.Errorf("chat: update: invalid status %q: %w", *p.Status, store.ErrConflict)
	}
	c, err := s.store.UpdateConversation(ctx, id, p)
	if err != nil {
		return store.Conversation{}, fmt.Errorf("chat: update: %w", err)
	}
	s.publishStatus(ctx, c)
	return c, nil
}

// KickAgent closes an agent's sockets on every node: those of one session,
// or all of them when sessionID is "" (the agent was disabled).
func (s *Service) KickAgent(ctx context.Context, agentID, sessionID string) {
	ev := hub.Event{Control: hub.ControlClose, Session: sessionID}
	if err := s.hub.Publish(context.WithoutCancel(ctx), AgentTopic(agentID), ev); err != nil {
		s.log.Warn("chat: kick agent failed", "agent", agentID, "err", err)
	}
}

// publishMessage tells the visitor's sockets and every agent. A failure to
// publish is logged, not returned: the message is stored, and nodes that
// missed it catch up from the store after the bus recovers.
func (s *Service) publishMessage(ctx context.Context, visitorID string, m store.Message, origin string) {
	ev := hub.Event{Origin: origin, Conv: m.ConvID, Seq: m.Seq, Author: m.AuthorID, CMID: m.CMID}
	// One encoding serves both topics (every socket writes the same bytes).
	frame := protocol.AppendMessage(make([]byte, 0, 256+len(m.Body)), MessageFrame(m))
	frame = frame[:len(frame):len(frame)] // an append elsewhere must copy, not share
	s.publishFrame(ctx, VisitorTopic(visitorID), ev, frame)
	s.publishFrame(ctx, AgentsTopic, ev, frame)
}

// publishReopened announces the status of a conversation a visitor's
// message just reopened.
func (s *Service) publishReopened(ctx context.Context, conv string) {
	c, err := s.store.ConversationByID(ctx, conv)
	if err != nil {
		s.log.Warn("chat: reopened conversation not announced; clients see it on reload", "conv", conv, "err", err)
		return
	}
	s.publishStatus(ctx, c)
}

// publishStatus tells the visitor the status and assignee only (their
// protocol is a fixed contract), and agents priority, tags and snooze too.
func (s *Service) publishStatus(ctx context.Context, c store.Conversation) {
	frame := protocol.Status{Type: protocol.TypeStatus, Conv: c.ID, Status: c.Status, Assignee: c.Assignee}
	ev := hub.Event{Conv: c.ID}
	s.publish(ctx, VisitorTopic(c.VisitorID), ev, frame)
	s.publish(ctx, AgentsTopic, ev, AgentStatus(c))
}

func (s *Service) publish(ctx context.Context, topic string, ev hub.Event, frame any) {
	b, err := protocol.Encode(frame)
	if err != nil {
		s.log.Error("chat: encode frame", "topic", topic, "conv", ev.Conv, "err", err)
		return
	}
	s.publishFrame(ctx, topic, ev, b)
}

// publishFrame publishes an encoded frame, which nobody may change after.
func (s *Service) publishFrame(ctx context.Context, topic string, ev hub.Event, frame []byte) {
	ev.Frame = frame
	if err := s.hub.Publish(context.WithoutCancel(ctx), topic, ev); err != nil {
		s.log.Warn("chat: publish failed; nodes will catch up from the store", "topic", topic, "conv", ev.Conv, "err", err)
	}
}
