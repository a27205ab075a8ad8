package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// ConversationJSON is a conversation as REST v1 and the console API show it.
type ConversationJSON struct {
	ID        string       `json:"id"`
	Site      string       `json:"site"`
	Status    string       `json:"status"`
	Assignee  string       `json:"assignee"`
	Priority  string       `json:"priority"`
	Tags      []string     `json:"tags"`
	LastSeq   int64        `json:"last_seq"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
	Visitor   *VisitorJSON `json:"visitor,omitempty"`
	VisitorID string       `json:"visitor_id"`
}

// VisitorJSON is a visitor's details as REST v1 and the console API show them.
type VisitorJSON struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Email      string            `json:"email"`
	UserID     string            `json:"user_id,omitempty"`
	Verified   bool              `json:"verified"`
	Page       protocol.Page     `json:"page"`
	Locale     string            `json:"locale"`
	Attributes map[string]string `json:"attributes"`
	LastSeenAt time.Time         `json:"last_seen_at"`
}

// Conversation encodes c.
func Conversation(c store.Conversation) ConversationJSON {
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	return ConversationJSON{ID: c.ID, Site: c.SiteID, VisitorID: c.VisitorID, Status: c.Status, Assignee: c.Assignee,
		Priority: c.Priority, Tags: tags, LastSeq: c.LastSeq, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC()}
}

// Visitor encodes v.
func Visitor(v store.Visitor) *VisitorJSON {
	return &VisitorJSON{ID: v.ID, Name: v.Name, Email: v.Email, UserID: v.UserID, Verified: v.Verified, Locale: v.Locale,
		Page: protocol.Page{URL: v.Page.URL, Title: v.Page.Title, Referrer: v.Page.Referrer}, Attributes: v.Attributes,
		LastSeenAt: v.LastSeenAt.UTC()}
}

// listConversations serves GET /conversations?status=&site=&assignee=&limit=&cursor=.
func (h *handler) listConversations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.ConversationFilter{Status: q.Get("status"), Assignee: q.Get("assignee")}
	if f.Status != "" && !protocol.ValidStatus(f.Status) {
		h.fail(w, r, badRequest("status must be open, pending, snoozed or resolved"))
		return
	}
	if site := q.Get("site"); site != "" {
		f.SiteIDs = []string{site}
	}
	var err error
	if f.Limit, err = intParam(q.Get("limit"), 50, 1, 200); err != nil {
		h.fail(w, r, err)
		return
	}
	if c := q.Get("cursor"); c != "" {
		if f.Before, f.BeforeID, err = parseCursor(c); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	convs, err := h.store.ListConversations(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := struct {
		Conversations []ConversationJSON `json:"conversations"`
		Cursor        string             `json:"cursor,omitempty"`
	}{Conversations: make([]ConversationJSON, 0, len(convs))}
	for _, c := range convs {
		out.Conversations = append(out.Conversations, Conversation(c))
	}
	if len(convs) == f.Limit {
		last := convs[len(convs)-1]
		out.Cursor = strconv.FormatInt(last.UpdatedAt.UnixMilli(), 10) + "." + last.ID
	}
	writeJSON(w, http.StatusOK, out)
}

// getConversation serves GET /conversations/{id} with the visitor's details.
func (h *handler) getConversation(w http.ResponseWriter, r *http.Request) {
	c, err := h.store.ConversationByID(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.store.VisitorByID(r.Context(), c.VisitorID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := Conversation(c)
	out.Visitor = Visitor(v)
	writeJSON(w, http.StatusOK, out)
}

type patchRequest struct {
	Status   *string   `json:"status"`
	Assignee *string   `json:"assignee"`
	Priority *string   `json:"priority"`
	Tags     *[]string `json:"tags"`
}

// patchConversation serves PATCH /conversations/{id}.
func (h *handler) patchConversation(w http.ResponseWriter, r *http.Request) {
	var req patchRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if req.Status != nil && !protocol.ValidStatus(*req.Status) {
		h.fail(w, r, badRequest("status must be open, pending, snoozed or resolved"))
		return
	}
	if req.Assignee != nil && *req.Assignee != "" {
		if _, err := h.store.AgentByID(r.Context(), *req.Assignee); err != nil {
			h.fail(w, r, badRequest("assignee is not an agent id"))
			return
		}
	}
	c, err := h.chat.Update(r.Context(), chi.URLParam(r, "id"), store.ConversationPatch{
		Status: req.Status, Assignee: req.Assignee, Priority: req.Priority, Tags: req.Tags})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, Conversation(c))
}

// parseCursor reads "MILLIS.ID": the activity time and id of the last
// conversation of the previous page, so ties in time never skip anything.
func parseCursor(c string) (time.Time, string, error) {
	msText, id, ok := strings.Cut(c, ".")
	ms, err := strconv.ParseInt(msText, 10, 64)
	if !ok || err != nil || id == "" {
		return time.Time{}, "", badRequest("cursor is not one this API returned")
	}
	return time.UnixMilli(ms), id, nil
}

func intParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("limit must be a whole number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi))
	}
	return n, nil
}
