package account

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/api"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// The console's conversation endpoints, authenticated by the session
// cookie (REST v1 wants API tokens). The agent socket's welcome says which
// conversations exist and their state; these add what the inbox and the
// conversation pane show beside it, and change status and assignee.

// previewChars is how much of the last message the inbox list shows.
const previewChars = 140

// inboxJSON is one conversation of GET /conversations.
type inboxJSON struct {
	ID           string        `json:"id"`
	Site         string        `json:"site"`
	Status       string        `json:"status"`
	Assignee     string        `json:"assignee"`
	LastSeq      int64         `json:"last_seq"`
	UpdatedAt    time.Time     `json:"updated_at"`
	Visitor      inboxVisitor  `json:"visitor"`
	Last         *protocol.Msg `json:"last"`            // the newest message, its body cut to previewChars
	WaitingSince *time.Time    `json:"waiting_since"`   // null when no visitor message waits for an answer
	SnoozedUntil *time.Time    `json:"snoozed_until"`   // null unless snoozed until a time
	Match        *protocol.Msg `json:"match,omitempty"` // in search results, the matching message, its body cut around the match
}

type inboxVisitor struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

func toInbox(it InboxItem, query string) inboxJSON {
	c := it.Conversation
	out := inboxJSON{ID: c.ID, Site: c.SiteID, Status: c.Status, Assignee: c.Assignee, LastSeq: c.LastSeq,
		UpdatedAt: c.UpdatedAt.UTC(), Visitor: inboxVisitor{ID: c.VisitorID, Name: it.Visitor.Name, Email: it.Visitor.Email}}
	if m := it.Last; m != nil {
		out.Last = &protocol.Msg{ID: m.ID, Seq: m.Seq, CMID: m.CMID, Body: preview(m.Body), At: m.At.UTC(),
			Author: protocol.Author{Kind: m.AuthorKind, ID: m.AuthorID, Name: m.AuthorName}}
	}
	out.WaitingSince, out.SnoozedUntil = timeOrNil(c.WaitingSince), timeOrNil(c.SnoozedUntil)
	if m := it.Match; m != nil {
		out.Match = &protocol.Msg{ID: m.ID, Seq: m.Seq, Body: snippet(m.Body, query), At: m.At.UTC(),
			Author: protocol.Author{Kind: m.AuthorKind, ID: m.AuthorID, Name: m.AuthorName}}
	}
	return out
}

// preview cuts s to previewChars characters.
func preview(s string) string {
	n := 0
	for i := range s {
		if n == previewChars {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// listConversations serves GET /conversations: the inbox's list, or
// with ?q= the search's results.
func (h *Handler) listConversations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	items, err := h.svc.Inbox(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]inboxJSON, 0, len(items))
	for _, it := range items {
		out = append(out, toInbox(it, q))
	}
	writeJSON(w, http.StatusOK, map[string]any{"conversations": out})
}

// getConversation serves GET /conversations/{id} with the visitor's
// details, in REST v1's shape.
func (h *Handler) getConversation(w http.ResponseWriter, r *http.Request) {
	c, v, err := h.svc.Conversation(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toDetail(c, v))
}

// listNotes serves GET /conversations/{id}/notes, oldest first.
func (h *Handler) listNotes(w http.ResponseWriter, r *http.Request) {
	notes, err := h.svc.Notes(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]protocol.Msg, 0, len(notes))
	for _, n := range notes {
		out = append(out, protocol.Msg{ID: n.ID, CMID: n.CMID, Body: n.Body, At: n.At.UTC(),
			Author: protocol.Author{Kind: protocol.AuthorAgent, ID: n.AuthorID, Name: n.AuthorName}})
	}
	writeJSON(w, http.StatusOK, map[string]any{"notes": out})
}

// patchConversation serves PATCH /conversations/{id} {"status",
// "assignee", "priority", "tags", "snoozed_until"}; the visitor (status
// and assignee only) and every agent see the change live.
func (h *Handler) patchConversation(w http.ResponseWriter, r *http.Request) {
	var req patchRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", patchUsage)
		return
	}
	p, err := req.toPatch(time.Now())
	if err == nil {
		var c store.Conversation
		if c, err = h.svc.UpdateConversation(r.Context(), chi.URLParam(r, "id"), p); err == nil {
			writeJSON(w, http.StatusOK, patchedJSON{ConversationJSON: api.Conversation(c), SnoozedUntil: snoozedUntil(c)})
			return
		}
	}
	h.fail(w, r, err)
}

// fail writes err as {"code", "error"}; unknown errors are logged and
// reveal nothing.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var invalid *InvalidError
	switch {
	case errors.As(err, &invalid):
		writeError(w, http.StatusBadRequest, "bad_request", invalid.Error())
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", "no such conversation")
	case errors.Is(err, store.ErrConflict):
		writeError(w, http.StatusConflict, "conflict", "the request conflicts with the current state")
	default:
		h.log.Error("account: console API", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "unavailable", "temporarily unavailable")
	}
}
