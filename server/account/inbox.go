package account

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// ErrNoConversations is returned by UpdateConversation when the Service
// was built without WithConversations.
var ErrNoConversations = errors.New("account: conversation changes are not configured")

// inboxConvs is how many conversations the inbox lists: as many as the
// agent socket's welcome, so the two describe the same set.
const inboxConvs = 1000

// waitScan is how many of a conversation's newest messages are read to
// find its first unanswered visitor message. A visitor who wrote more in a
// row is shown as waiting since the oldest of them, slightly too short.
const waitScan = 20

// InboxItem is a conversation as the console's list shows it: what the
// agent socket's welcome does not carry.
type InboxItem struct {
	Conversation store.Conversation
	Visitor      store.Visitor
	Last         *store.Message // the newest message; nil for none
	WaitingSince time.Time      // the first visitor message no agent has answered; zero when answered
}

// Inbox lists the newest conversations of every site with their visitor,
// last message and waiting time.
func (s *Service) Inbox(ctx context.Context) ([]InboxItem, error) {
	convs, err := s.store.ListConversations(ctx, store.ConversationFilter{Limit: inboxConvs})
	if err != nil {
		return nil, fmt.Errorf("account: inbox: %w", err)
	}
	visitors := map[string]store.Visitor{}
	items := make([]InboxItem, 0, len(convs))
	for _, c := range convs {
		it := InboxItem{Conversation: c}
		v, ok := visitors[c.VisitorID]
		if !ok {
			if v, err = s.store.VisitorByID(ctx, c.VisitorID); err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, fmt.Errorf("account: inbox: %w", err)
			}
			visitors[c.VisitorID] = v
		}
		it.Visitor = v
		msgs, err := s.store.MessagesBefore(ctx, c.ID, 0, waitScan)
		if err != nil {
			return nil, fmt.Errorf("account: inbox: %w", err)
		}
		it.Last, it.WaitingSince = lastAndWaiting(msgs)
		items = append(items, it)
	}
	return items, nil
}

// lastAndWaiting returns the newest of msgs (in seq order) and when the
// visitor's unanswered run of messages at the end began. Bot and system
// messages neither start nor end a wait.
func lastAndWaiting(msgs []store.Message) (*store.Message, time.Time) {
	if len(msgs) == 0 {
		return nil, time.Time{}
	}
	last := msgs[len(msgs)-1]
	var since time.Time
	for i := len(msgs) - 1; i >= 0; i-- {
		switch msgs[i].AuthorKind {
		case protocol.AuthorAgent:
			return &last, since
		case protocol.AuthorVisitor:
			since = msgs[i].At
		}
	}
	return &last, since
}

// Conversation returns one conversation and its visitor.
func (s *Service) Conversation(ctx context.Context, id string) (store.Conversation, store.Visitor, error) {
	c, err := s.store.ConversationByID(ctx, id)
	if err != nil {
		return store.Conversation{}, store.Visitor{}, fmt.Errorf("account: conversation: %w", err)
	}
	v, err := s.store.VisitorByID(ctx, c.VisitorID)
	if err != nil {
		return store.Conversation{}, store.Visitor{}, fmt.Errorf("account: conversation: %w", err)
	}
	return c, v, nil
}

// Notes returns a conversation's internal notes, oldest first.
func (s *Service) Notes(ctx context.Context, id string) ([]store.Note, error) {
	n, err := s.store.Notes(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("account: notes: %w", err)
	}
	return n, nil
}

// UpdateConversation changes a conversation's status or assignee through
// the chat service, which tells the visitor and every agent. The assignee
// must be an enabled agent, or "" to unassign.
func (s *Service) UpdateConversation(ctx context.Context, id string, p store.ConversationPatch) (store.Conversation, error) {
	if s.convs == nil {
		return store.Conversation{}, ErrNoConversations
	}
	if p.Assignee != nil && *p.Assignee != "" {
		a, err := s.store.AgentByID(ctx, *p.Assignee)
		if errors.Is(err, store.ErrNotFound) || err == nil && a.Disabled {
			return store.Conversation{}, &InvalidError{Field: "assignee", Reason: "is not an enabled agent"}
		} else if err != nil {
			return store.Conversation{}, fmt.Errorf("account: update conversation: %w", err)
		}
	}
	if p.Status != nil && !protocol.ValidStatus(*p.Status) {
		return store.Conversation{}, &InvalidError{Field: "status", Reason: "must be open, pending, snoozed or resolved"}
	}
	c, err := s.convs.Update(ctx, id, p)
	if err != nil {
		return store.Conversation{}, fmt.Errorf("account: update conversation: %w", err)
	}
	return c, nil
}

// InvalidError says which input was wrong and why.
type InvalidError struct{ Field, Reason string }

func (e *InvalidError) Error() string { return e.Field + " " + e.Reason }
