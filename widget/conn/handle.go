package conn

import (
	"fmt"

	"github.com/parley-chat/parley/shared/protocol"
)

// handle applies one frame read by session s. Frames of a session that is
// no longer current, and frames other than welcome and error before the
// welcome, are ignored.
func (c *Client) handle(s *session, data []byte) {
	f, err := protocol.DecodeServer(data)
	if err != nil {
		c.logf("conn: ignoring frame: %v", err)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != s {
		return
	}
	switch f := f.(type) {
	case *protocol.Welcome:
		c.onWelcome(s, f)
	case *protocol.Error:
		c.onError(s, f)
	default:
		if s.welcomed {
			c.dispatch(s, f)
		}
	}
}

func (c *Client) dispatch(s *session, f protocol.ServerFrame) {
	switch f := f.(type) {
	case *protocol.Message:
		c.onMessage(s, f)
	case *protocol.Ack:
		if p := c.out.find(f.CMID); p != nil {
			c.ackSend(s, p, f)
		} // else a repeated ack of a send already settled
	case *protocol.History:
		c.reply(f.ID, f)
	case *protocol.Note:
		c.ev.push(Event{Kind: EventNote, Conv: f.Conv, Frame: f})
	case *protocol.Typing:
		c.ev.push(Event{Kind: EventTyping, Conv: f.Conv, Frame: f})
	case *protocol.Read:
		c.ev.push(Event{Kind: EventRead, Conv: f.Conv, Frame: f})
	case *protocol.Status:
		c.ev.push(Event{Kind: EventStatus, Conv: f.Conv, Frame: f})
	case *protocol.Presence:
		c.ev.push(Event{Kind: EventPresence, Frame: f})
	case *protocol.Team:
		c.ev.push(Event{Kind: EventTeam, Frame: f})
	case *protocol.Viewing:
		c.ev.push(Event{Kind: EventViewing, Conv: f.Conv, Frame: f})
	}
}

// onWelcome starts the session proper: keep the token, learn the listed
// conversations, re-send every pending send in order and fill known gaps.
func (c *Client) onWelcome(s *session, w *protocol.Welcome) {
	if s.welcomed {
		return
	}
	s.welcomed = true
	if v := w.Visitor; v != nil {
		if v.Token != "" {
			c.token = v.Token
		}
		c.visitorID = v.ID
	}
	if w.Agent != nil {
		a := *w.Agent
		c.agent = &a
	}
	// A conv-"" send that may have reached the server may have created one
	// of the unknown conversations listed: fetch those whole.
	backfill := c.cfg.Backfill || c.out.triedNew()
	for _, cv := range w.Conversations {
		c.learn(s, cv, backfill)
	}
	c.ev.push(Event{Kind: EventWelcome, Frame: w})
	c.setState(StateOnline)
	c.flush()
	for _, conv := range c.seqs.Convs() {
		c.fillGap(s, conv)
	}
}

// learn sets up tracking for a conversation listed in a welcome. Resumed
// ones need nothing: the server replays what they missed.
func (c *Client) learn(s *session, cv protocol.ConvSummary, backfill bool) {
	if _, resumed := s.resume[cv.ID]; resumed {
		return
	}
	if c.seqs.Known(cv.ID) || backfill {
		c.seqs.Start(cv.ID, 0)
		c.seqs.Want(cv.ID, cv.LastSeq)
		return
	}
	c.seqs.Start(cv.ID, cv.LastSeq)
}

// onMessage delivers a message frame (or a history item) through the
// tracker. The client's own message, replayed after a reconnect because
// its ack was lost, settles the pending send instead.
func (c *Client) onMessage(s *session, m *protocol.Message) {
	if p := c.out.find(m.Msg.CMID); p != nil {
		c.ackSend(s, p, &protocol.Ack{Type: protocol.TypeAck, ID: p.cmid, Conv: m.Conv, CMID: p.cmid, Seq: m.Seq, At: m.Msg.At})
		return
	}
	c.pushMessages(c.seqs.Message(m))
	c.fillGap(s, m.Conv)
}

func (c *Client) pushMessages(ms []*protocol.Message) {
	for _, m := range ms {
		c.ev.push(Event{Kind: EventMessage, Conv: m.Conv, Message: m})
	}
}

// ackSend settles pending send p with ack a.
func (c *Client) ackSend(s *session, p *pendingSend, a *protocol.Ack) {
	c.out.remove(p)
	if p.conv == "" {
		c.out.bind(a.Conv)
	}
	var released []*protocol.Message
	if !p.note {
		released = c.seqs.Ack(a.Conv, a.Seq)
	}
	c.ev.push(Event{Kind: EventAck, Conv: a.Conv, CMID: a.CMID, Note: p.note, Ack: a})
	c.pushMessages(released)
	c.settle(p.cmid, sendResult{ack: *a})
	c.flush()
	if !p.note {
		c.fillGap(s, a.Conv)
	}
}

// onError routes an error frame to the request it answers.
func (c *Client) onError(s *session, e *protocol.Error) {
	if e.ID == helloID || e.ID == "" {
		if e.Code == protocol.CodeUnauthorized {
			// Under js/wasm close codes are not visible (coder/websocket
			// reports net.ErrClosed), so this frame is how 4001 is known.
			s.end(fmt.Errorf("%w: %s", ErrUnauthorized, e.Message))
			return
		}
		c.ev.push(Event{Kind: EventError, Frame: e, Err: e})
		return
	}
	if p := c.out.find(e.ID); p != nil {
		c.sendError(p, e)
		return
	}
	if _, ok := c.hist[e.ID]; ok {
		c.reply(e.ID, e)
		return
	}
	c.ev.push(Event{Kind: EventError, Frame: e, Err: e})
}

// reply hands a history answer (or error) to the waiting request.
func (c *Client) reply(id string, f protocol.ServerFrame) {
	if ch, ok := c.hist[id]; ok {
		delete(c.hist, id)
		ch <- f // buffered
	}
}
