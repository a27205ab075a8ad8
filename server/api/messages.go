package api

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/shared/protocol"
)

type messageJSON struct {
	Conv string `json:"conv"`
	Note bool   `json:"note,omitempty"`
	protocol.Msg
}

// listMessages serves GET /conversations/{id}/messages?after=SEQ&limit=.
func (h *handler) listMessages(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	after, err := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	if r.URL.Query().Get("after") == "" {
		after, err = 0, nil
	}
	if err != nil || after < 0 {
		h.fail(w, r, badRequest("after must be a seq ≥ 0"))
		return
	}
	limit, err := intParam(r.URL.Query().Get("limit"), 100, 1, 1000)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if _, err := h.store.ConversationByID(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	msgs, err := h.store.MessagesAfter(r.Context(), id, after, limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := struct {
		Messages []messageJSON `json:"messages"`
	}{Messages: make([]messageJSON, 0, len(msgs))}
	for _, m := range msgs {
		out.Messages = append(out.Messages, messageJSON{Conv: m.ConvID, Msg: chat.Msg(m)})
	}
	writeJSON(w, http.StatusOK, out)
}

type postMessageRequest struct {
	Body string `json:"body"`
	CMID string `json:"cmid"`
	Note bool   `json:"note"`
}

// postMessage serves POST /conversations/{id}/messages: a reply (or note)
// as the token's agent, idempotent on cmid. A new message answers 201, a
// repeated cmid 200 with the message stored the first time.
func (h *handler) postMessage(w http.ResponseWriter, r *http.Request) {
	var req postMessageRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := protocol.CheckBody(req.Body); err != nil {
		h.fail(w, r, err)
		return
	}
	if len(req.CMID) > protocol.MaxIDChars {
		h.fail(w, r, badRequest("cmid must be at most 64 characters"))
		return
	}
	id, a := chi.URLParam(r, "id"), agentOf(r)
	if req.Note {
		n, err := h.chat.AgentNote(r.Context(), a, id, req.CMID, req.Body, "")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		msg := protocol.Msg{ID: n.ID, CMID: n.CMID, Body: n.Body, At: n.At.UTC(),
			Author: protocol.Author{Kind: protocol.AuthorAgent, ID: n.AuthorID, Name: n.AuthorName}}
		writeJSON(w, createdStatus(n.Created), messageJSON{Conv: id, Note: true, Msg: msg})
		return
	}
	m, err := h.chat.AgentSend(r.Context(), a, id, req.CMID, req.Body, "", nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, createdStatus(m.Created), messageJSON{Conv: m.ConvID, Msg: chat.Msg(m)})
}

func createdStatus(created bool) int {
	if created {
		return http.StatusCreated
	}
	return http.StatusOK
}
