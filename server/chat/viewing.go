package chat

import (
	"context"

	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// AgentViewing tells the other agents that an agent has a conversation
// open in a visible tab, or no longer. It is not stored, and visitors
// never hear of it.
func (s *Service) AgentViewing(ctx context.Context, a store.Agent, conv string, on bool, origin string) {
	author := &protocol.Author{Kind: protocol.AuthorAgent, ID: a.ID, Name: a.Name}
	frame := protocol.Viewing{Type: protocol.TypeViewing, Conv: conv, On: on, Author: author}
	s.publish(ctx, AgentsTopic, hub.Event{Origin: origin, Conv: conv}, frame)
}

// AgentStatus is the status frame agents get: the visitor's fields plus
// priority, tags and when a snooze ends.
func AgentStatus(c store.Conversation) protocol.Status {
	f := protocol.Status{Type: protocol.TypeStatus, Conv: c.ID, Status: c.Status, Assignee: c.Assignee,
		Priority: c.Priority, Tags: c.Tags}
	if !c.SnoozedUntil.IsZero() {
		t := c.SnoozedUntil.UTC()
		f.SnoozedUntil = &t
	}
	return f
}
