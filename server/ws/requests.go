package ws

import (
	"context"

	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// queueAck hands the ack of a stored send to the writer, which orders it
// after any earlier messages of the conversation and answers every request
// that asked for it.
func (s *socket) queueAck(m store.Message) {
	s.push(out{kind: outAck, conv: m.ConvID, seq: m.Seq, cmid: m.CMID, msg: &m})
}

// onHistory answers a history request. Visitors may only read their own
// conversations (mine is true for them).
func (vs *visitorSession) onHistory(ctx context.Context, f *protocol.HistoryRequest, mine bool) {
	if mine {
		c, err := vs.h.store.ConversationByID(ctx, f.Conv)
		if err != nil || c.VisitorID != vs.visitor.ID {
			vs.sendError(protocol.NewError(protocol.CodeNotFound, "no such conversation").WithID(f.ID))
			return
		}
	}
	vs.socket.history(ctx, f)
}

// history answers a history request for a conversation the caller may read.
func (s *socket) history(ctx context.Context, f *protocol.HistoryRequest) {
	msgs, err := s.h.store.MessagesBefore(ctx, f.Conv, f.Before, f.Limit)
	if err != nil {
		s.sendError(errorFrame(f.ID, err))
		return
	}
	h := protocol.History{Type: protocol.TypeHistory, ID: f.ID, Conv: f.Conv, Messages: make([]protocol.Msg, 0, len(msgs))}
	for _, m := range msgs {
		h.Messages = append(h.Messages, chat.Msg(m))
	}
	s.send(h)
}
