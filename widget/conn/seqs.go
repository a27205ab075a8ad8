package conn

import (
	"cmp"
	"slices"

	"github.com/parley-chat/parley/shared/protocol"
)

// Seqs tracks, per conversation, the highest contiguous seq a client has seen
// (its own acks count as seen) and what arrived ahead of a gap. It is a pure
// type: it does no I/O and is not safe for concurrent use.
type Seqs struct {
	convs map[string]*convSeqs
	clock int64 // bumps on every advance, so Resume can prefer busy conversations
}

type convSeqs struct {
	last  int64
	want  int64                       // the server holds messages up to here
	ahead map[int64]*protocol.Message // seq → buffered message; nil = acked by us
	touch int64
}

// NewSeqs returns an empty tracker.
func NewSeqs() *Seqs { return &Seqs{convs: map[string]*convSeqs{}} }

func (s *Seqs) conv(id string) *convSeqs {
	c := s.convs[id]
	if c == nil {
		c = &convSeqs{ahead: map[int64]*protocol.Message{}}
		s.convs[id] = c
	}
	return c
}

// Known reports whether the tracker has state for conv.
func (s *Seqs) Known(conv string) bool { return s.convs[conv] != nil }

// Last returns the highest contiguous seq seen in conv (0 when unknown).
func (s *Seqs) Last(conv string) int64 {
	if c := s.convs[conv]; c != nil {
		return c.last
	}
	return 0
}

// Start begins tracking conv at last unless it is already tracked.
func (s *Seqs) Start(conv string, last int64) {
	if s.Known(conv) {
		return
	}
	c := s.conv(conv)
	c.last = last
	s.bump(c)
}

// Want records that the server holds conv's messages up to seq, so that
// anything between Last and seq is a gap to fill.
func (s *Seqs) Want(conv string, seq int64) {
	c := s.conv(conv)
	c.want = max(c.want, seq)
}

// Message takes a message frame and returns the messages that are now
// deliverable, in seq order: none for a duplicate or a message beyond a gap
// (which is buffered), else m followed by whatever it released.
func (s *Seqs) Message(m *protocol.Message) []*protocol.Message {
	c := s.conv(m.Conv)
	if _, dup := c.ahead[m.Seq]; dup || m.Seq <= c.last {
		return nil
	}
	if m.Seq > c.last+1 {
		c.ahead[m.Seq] = m
		return nil
	}
	c.last = m.Seq
	return append([]*protocol.Message{m}, s.absorb(c)...)
}

// Ack records the client's own message at seq and returns the buffered
// messages it released, in seq order.
func (s *Seqs) Ack(conv string, seq int64) []*protocol.Message {
	c := s.conv(conv)
	if seq <= c.last {
		return nil
	}
	if seq > c.last+1 {
		c.ahead[seq] = nil // a buffered copy of our own message is dropped
		return nil
	}
	c.last = seq
	return s.absorb(c)
}

// absorb advances last over everything buffered right after it.
func (s *Seqs) absorb(c *convSeqs) []*protocol.Message {
	var out []*protocol.Message
	for {
		m, ok := c.ahead[c.last+1]
		if !ok {
			break
		}
		delete(c.ahead, c.last+1)
		c.last++
		if m != nil {
			out = append(out, m)
		}
	}
	s.bump(c)
	return out
}

func (s *Seqs) bump(c *convSeqs) {
	s.clock++
	c.touch = s.clock
}

// Gap returns the first missing range from..to (inclusive) of conv, if any.
func (s *Seqs) Gap(conv string) (from, to int64, ok bool) {
	c := s.convs[conv]
	if c == nil {
		return 0, 0, false
	}
	to = -1
	if c.want > c.last {
		to = c.want
	}
	for seq := range c.ahead { // every buffered seq is > last+1
		if to < 0 || seq-1 < to {
			to = seq - 1
		}
	}
	if to <= c.last {
		return 0, 0, false
	}
	return c.last + 1, to, true
}

// Convs returns the tracked conversation ids, sorted.
func (s *Seqs) Convs() []string {
	ids := make([]string, 0, len(s.convs))
	for id := range s.convs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Resume returns conv → last for at most limit conversations, preferring
// the most recently active ones when there are more.
func (s *Seqs) Resume(limit int) map[string]int64 {
	ids := s.Convs()
	if len(ids) > limit {
		slices.SortStableFunc(ids, func(a, b string) int { return cmp.Compare(s.convs[b].touch, s.convs[a].touch) })
		ids = ids[:limit]
	}
	out := make(map[string]int64, len(ids))
	for _, id := range ids {
		out[id] = s.convs[id].last
	}
	return out
}
