package account

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/api"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// visitorHistory is how many of a visitor's conversations the sidebar
// lists.
const visitorHistory = 20

// detailJSON is GET /conversations/{id}: REST v1's conversation with what
// the console's pane adds — the visitor's browser and time zone, when a
// snooze ends, and how far the visitor has read.
type detailJSON struct {
	api.ConversationJSON
	Visitor        detailVisitor `json:"visitor"`
	SnoozedUntil   *time.Time    `json:"snoozed_until,omitempty"`
	VisitorReadSeq int64         `json:"visitor_read_seq"`
}

type detailVisitor struct {
	*api.VisitorJSON
	Browser  string `json:"browser"`  // e.g. "Chrome 156 · Windows"; "" when unknown
	Timezone string `json:"timezone"` // IANA name; "" when unknown
}

func toDetail(c store.Conversation, v store.Visitor) detailJSON {
	return detailJSON{ConversationJSON: api.Conversation(c), SnoozedUntil: snoozedUntil(c), VisitorReadSeq: c.VisitorReadSeq,
		Visitor: detailVisitor{VisitorJSON: api.Visitor(v), Browser: BrowserLabel(v.UserAgent), Timezone: v.Timezone}}
}

// patchedJSON answers PATCH /conversations/{id}.
type patchedJSON struct {
	api.ConversationJSON
	SnoozedUntil *time.Time `json:"snoozed_until,omitempty"`
}

func snoozedUntil(c store.Conversation) *time.Time {
	if c.SnoozedUntil.IsZero() {
		return nil
	}
	t := c.SnoozedUntil.UTC()
	return &t
}

// pastJSON is one of a visitor's conversations in the sidebar.
type pastJSON struct {
	ID        string        `json:"id"`
	Status    string        `json:"status"`
	Assignee  string        `json:"assignee"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
	Last      *protocol.Msg `json:"last"` // the newest message, cut to previewChars; null for none
}

// visitorConversations serves GET /visitors/{id}/conversations: the
// visitor's newest conversations, newest activity first.
func (h *Handler) visitorConversations(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.VisitorConversations(r.Context(), chi.URLParam(r, "id"))
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "not_found", "no such visitor")
		return
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]pastJSON, 0, len(list))
	for _, it := range list {
		c := it.Conversation
		p := pastJSON{ID: c.ID, Status: c.Status, Assignee: c.Assignee, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC()}
		if m := it.Last; m != nil {
			p.Last = &protocol.Msg{ID: m.ID, Seq: m.Seq, CMID: m.CMID, Body: preview(m.Body), At: m.At.UTC(),
				Author: protocol.Author{Kind: m.AuthorKind, ID: m.AuthorID, Name: m.AuthorName}}
		}
		out = append(out, p)
	}
	writeJSON(w, http.StatusOK, map[string]any{"conversations": out})
}

// VisitorConversations returns a visitor's newest conversations (at most
// visitorHistory) with their last message; an unknown visitor is
// store.ErrNotFound.
func (s *Service) VisitorConversations(ctx context.Context, visitorID string) ([]InboxItem, error) {
	v, err := s.store.VisitorByID(ctx, visitorID)
	if err != nil {
		return nil, fmt.Errorf("account: visitor conversations: %w", err)
	}
	convs, err := s.store.ListConversations(ctx, store.ConversationFilter{VisitorID: v.ID, Limit: visitorHistory})
	if err != nil {
		return nil, fmt.Errorf("account: visitor conversations: %w", err)
	}
	out := make([]InboxItem, 0, len(convs))
	for _, c := range convs {
		msgs, err := s.store.MessagesBefore(ctx, c.ID, 0, 1)
		if err != nil {
			return nil, fmt.Errorf("account: visitor conversations: %w", err)
		}
		it := InboxItem{Conversation: c, Visitor: v}
		if len(msgs) > 0 {
			it.Last = &msgs[0]
		}
		out = append(out, it)
	}
	return out, nil
}
