package ws

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/parley-chat/parley/server/chat"
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
	if err := s.writeStored(ctx, o.author, o.cmid, o.frame); err != nil {
		return err
	}
	s.seqs[o.conv] = o.seq
	return nil
}

// writeStored writes a message frame, or the ack when the message is this
// socket's own unacked send (it can reach us from the store before the
// reader has queued the ack).
func (s *socket) writeStored(ctx context.Context, author, cmid string, frame []byte) error {
	if author == s.principal {
		if id, ok := s.takePending(cmid); ok {
			return s.writeAckFor(ctx, id, frame)
		}
	}
	return s.write(ctx, frame)
}

// writeAckFor turns a stored message frame into this socket's ack.
func (s *socket) writeAckFor(ctx context.Context, id string, frame []byte) error {
	var f struct {
		Msg struct {
			ID   string          `json:"id"`
			CMID string          `json:"cmid"`
			At   json.RawMessage `json:"at"`
		} `json:"msg"`
		Conv string `json:"conv"`
		Seq  int64  `json:"seq"`
	}
	if err := json.Unmarshal(frame, &f); err != nil {
		return fmt.Errorf("ws: ack from message: %w", err)
	}
	ack := fmt.Sprintf(`{"type":"ack","id":%q,"conv":%q,"cmid":%q,"seq":%d,"at":%s}`, id, f.Conv, f.Msg.CMID, f.Seq, f.Msg.At)
	return s.write(ctx, []byte(ack))
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
	if _, ok := s.takePending(o.cmid); !ok {
		return nil
	}
	if o.seq > s.seqs[o.conv] {
		s.seqs[o.conv] = o.seq
	}
	return s.write(ctx, o.frame)
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
		if err != nil {
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
			if err := s.writeStored(ctx, m.AuthorID, m.CMID, b); err != nil {
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
