package ws

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// fillPage is how many stored messages one catch-up query reads.
const fillPage = 100

// writeMessage writes a message frame keeping the socket's stream of each
// conversation contiguous: seqs already written are dropped, and a gap is
// filled from the store before the message itself.
func (s *socket) writeMessage(ctx context.Context, o out) error {
	last, known := s.seqs[o.conv]
	if !known {
		last = s.unknownStart(o.seq)
		s.seqs[o.conv] = last
	}
	if o.seq <= last {
		return nil
	}
	if o.seq > last+1 {
		return s.fill(ctx, o.conv, o.seq)
	}
	if err := s.writeStored(ctx, o.conv, o.author, o.cmid, o.frame, nil); err != nil {
		return err
	}
	s.seqs[o.conv] = o.seq
	if d := s.h.cfg.Delivered; d != nil && o.at > 0 {
		d(time.Duration(time.Now().UnixNano() - o.at))
	}
	return nil
}

// writeStored writes a message frame, or the acks when the message is
// this socket's own unacked send (it can reach us from the store before
// the reader has queued the ack). stored is the message when the caller
// has it; otherwise the frame is decoded, which only a bus event for an
// own send needs.
func (s *socket) writeStored(ctx context.Context, conv, author, cmid string, frame []byte, stored *store.Message) error {
	if author != s.principal {
		return s.write(ctx, frame)
	}
	ids, ok := s.takePending(conv, cmid)
	if !ok {
		return s.write(ctx, frame)
	}
	var m protocol.Message
	if stored != nil {
		m = chat.MessageFrame(*stored)
	} else if err := json.Unmarshal(frame, &m); err != nil {
		return fmt.Errorf("ws: ack from message: %w", err)
	}
	return s.writeAcks(ctx, ids, m)
}

// writeAcks answers each request id with the ack of message m.
func (s *socket) writeAcks(ctx context.Context, ids []string, m protocol.Message) error {
	for _, id := range ids {
		ack := protocol.Ack{Type: protocol.TypeAck, ID: id, Conv: m.Conv, CMID: m.Msg.CMID, Seq: m.Seq, At: m.Msg.At}
		if err := s.write(ctx, protocol.AppendAck(make([]byte, 0, 160), ack)); err != nil {
			return err
		}
	}
	return nil
}

// writeAck answers this socket's send. Messages of the conversation that
// precede it and that the socket has not had yet go first, so the client
// sees one ordered stream. An ack already written by writeStored is not
// written twice.
func (s *socket) writeAck(ctx context.Context, o out) error {
	last, known := s.seqs[o.conv]
	if !known {
		last = s.unknownStart(o.seq)
		s.seqs[o.conv] = last
	}
	if o.seq > last+1 {
		if err := s.fill(ctx, o.conv, o.seq); err != nil {
			return err
		}
	}
	ids, ok := s.takePending(o.conv, o.cmid)
	if !ok {
		return nil // already answered by writeStored
	}
	if o.seq > s.seqs[o.conv] {
		s.seqs[o.conv] = o.seq
	}
	return s.writeAcks(ctx, ids, chat.MessageFrame(*o.msg))
}

// fill writes the stored messages after the socket's last seq of conv, up
// to and including upto (0: everything stored).
func (s *socket) fill(ctx context.Context, conv string, upto int64) error {
	for {
		last := s.seqs[conv]
		if upto > 0 && last >= upto {
			return nil
		}
		msgs, err := s.h.store.MessagesAfter(ctx, conv, last, fillPage)
		if errors.Is(err, store.ErrNotFound) {
			delete(s.seqs, conv) // e.g. a resume entry naming no conversation
			return nil
		} else if err != nil {
			return fmt.Errorf("ws: catch up %s: %w", conv, err)
		}
		for _, m := range msgs {
			if upto > 0 && m.Seq > upto {
				return nil
			}
			b, err := json.Marshal(chat.MessageFrame(m))
			if err != nil {
				return err
			}
			if err := s.writeStored(ctx, conv, m.AuthorID, m.CMID, b, &m); err != nil {
				return err
			}
			s.seqs[conv] = m.Seq
		}
		if len(msgs) < fillPage {
			return nil
		}
	}
}

// resync catches every conversation of the socket up from the store, after
// the bus may have dropped events.
func (s *socket) resync(ctx context.Context) error {
	convs, err := s.convs(ctx)
	if err != nil {
		return fmt.Errorf("ws: resync: %w", err)
	}
	for _, c := range convs {
		if _, ok := s.seqs[c.ID]; !ok {
			s.seqs[c.ID] = s.unknownStart(c.LastSeq)
		}
	}
	for conv := range s.seqs {
		if err := s.fill(ctx, conv, 0); err != nil {
			return err
		}
	}
	return nil
}
