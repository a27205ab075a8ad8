package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// ErrNoConversations is returned by UpdateConversation when the Service
// was built without WithConversations.
var ErrNoConversations = errors.New("account: conversation changes are not configured")

// inboxConvs is how many conversations the inbox lists: as many as the
// agent socket's welcome, so the two describe the same set.
const inboxConvs = 1000

// searchConvs caps a search's results: the newest matches first.
const searchConvs = 50

// maxQuery is the longest search query, in characters.
const maxQuery = 100

// InboxItem is a conversation as the console's list shows it: what the
// agent socket's welcome does not carry.
type InboxItem = store.InboxEntry

// Inbox lists the newest conversations of every site with their visitor
// and last message; with a query, the newest searchConvs of any status
// whose visitor's name or email or a message contains it.
func (s *Service) Inbox(ctx context.Context, query string) ([]InboxItem, error) {
	query = strings.TrimSpace(query)
	if utf8.RuneCountInString(query) > maxQuery {
		return nil, &InvalidError{Field: "q", Reason: fmt.Sprintf("must be at most %d characters", maxQuery)}
	}
	f := store.ConversationFilter{Limit: inboxConvs}
	if query != "" {
		f = store.ConversationFilter{Limit: searchConvs, Query: query}
	}
	items, err := s.store.InboxEntries(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("account: inbox: %w", err)
	}
	return items, nil
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
