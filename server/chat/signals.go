package chat

import (
	"context"
	"fmt"

	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// VisitorTyping tells agents that a visitor is typing. Typing is not stored.
func (s *Service) VisitorTyping(ctx context.Context, v store.Visitor, conv string, on bool, origin string) {
	author := &protocol.Author{Kind: protocol.AuthorVisitor, ID: v.ID, Name: v.Name}
	frame := protocol.Typing{Type: protocol.TypeTyping, Conv: conv, On: on, Author: author}
	s.publish(ctx, AgentsTopic, hub.Event{Origin: origin, Conv: conv}, frame)
}

// AgentTyping tells the visitor and the other agents that an agent is typing.
func (s *Service) AgentTyping(ctx context.Context, a store.Agent, c store.Conversation, on bool, origin string) {
	author := &protocol.Author{Kind: protocol.AuthorAgent, ID: a.ID, Name: a.Name}
	frame := protocol.Typing{Type: protocol.TypeTyping, Conv: c.ID, On: on, Author: author}
	ev := hub.Event{Origin: origin, Conv: c.ID}
	s.publish(ctx, VisitorTopic(c.VisitorID), ev, frame)
	s.publish(ctx, AgentsTopic, ev, frame)
}

// VisitorRead records a visitor's read receipt and tells the agents.
func (s *Service) VisitorRead(ctx context.Context, v store.Visitor, conv string, seq int64, origin string) error {
	c, err := s.store.ConversationByID(ctx, conv)
	if err != nil {
		return fmt.Errorf("chat: visitor read: %w", err)
	}
	if c.VisitorID != v.ID {
		return fmt.Errorf("chat: visitor read %s: %w", conv, store.ErrNotFound)
	}
	if _, err := s.store.MarkRead(ctx, conv, protocol.AuthorVisitor, seq); err != nil {
		return fmt.Errorf("chat: visitor read: %w", err)
	}
	author := &protocol.Author{Kind: protocol.AuthorVisitor, ID: v.ID, Name: v.Name}
	frame := protocol.Read{Type: protocol.TypeRead, Conv: conv, Seq: seq, Author: author}
	ev := hub.Event{Origin: origin, Conv: conv}
	s.publish(ctx, VisitorTopic(v.ID), ev, frame) // the visitor's other tabs
	s.publish(ctx, AgentsTopic, ev, frame)
	return nil
}

// AgentRead records an agent's read receipt and tells the visitor and agents.
func (s *Service) AgentRead(ctx context.Context, a store.Agent, conv string, seq int64, origin string) error {
	c, err := s.store.MarkRead(ctx, conv, protocol.AuthorAgent, seq)
	if err != nil {
		return fmt.Errorf("chat: agent read: %w", err)
	}
	author := &protocol.Author{Kind: protocol.AuthorAgent, ID: a.ID, Name: a.Name}
	frame := protocol.Read{Type: protocol.TypeRead, Conv: conv, Seq: seq, Author: author}
	ev := hub.Event{Origin: origin, Conv: conv}
	s.publish(ctx, VisitorTopic(c.VisitorID), ev, frame)
	s.publish(ctx, AgentsTopic, ev, frame)
	return nil
}
