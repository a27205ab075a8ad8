package ws

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// outKind says how the writer treats a queued item.
type outKind uint8

const (
	outFrame   outKind = iota // write as is
	outMessage                // a message: keep per-conversation seq order
	outAck                    // an ack of this socket's own send
	outResync                 // catch every conversation up from the store
	outCatchUp                // catch conv up from the store to seq
)

type out struct {
	kind   outKind
	conv   string
	seq    int64
	author string
	cmid   string
	frame  []byte
	msg    *store.Message // outAck: the stored message the acks are built from
	at     int64          // outMessage: when it was published (Unix ns), for the delivery latency
}

// socket is one WebSocket connection after hello. One goroutine reads;
// everything else reaches the writer through the bounded queue, so a slow
// client can never block the hub. The writer is a goroutine started when
// the queue gets an item and gone once it is empty, so an idle socket
// costs one goroutine.
type socket struct {
	id     string
	conn   *websocket.Conn
	raw    *corkConn // the connection under conn: write deadlines, corking
	h      *Handler
	log    *slog.Logger
	q      *hub.Queue[out]
	topics []string
	once   sync.Once
	kicked atomic.Bool
	// writing is set while a writer runs, and until startWriting while the
	// session writes its welcome itself.
	writing atomic.Bool

	// principal is the visitor or agent id whose messages are "own".
	principal string
	// session is the console session an agent socket signed in with ("" for
	// API tokens); signing that session out closes the socket.
	session string
	// convs lists the conversations to catch up on a resync.
	convs func(ctx context.Context) ([]store.Conversation, error)
	// unknownStart gives the seq before the first one to deliver for a
	// conversation the socket has no state for yet.
	unknownStart func(seq int64) int64

	pendingMu sync.Mutex
	pending   map[string]*pendingSend // cmid → an unacked send of this socket

	seqs map[string]int64 // writer-owned: conversation → last seq written

	budget *frameBudget // reader-owned; nil for agents
}

func newSocket(h *Handler, c *websocket.Conn, raw *corkConn, queue int, log *slog.Logger) *socket {
	s := &socket{id: store.NewID("s"), conn: c, raw: raw, h: h, log: log,
		q: hub.NewQueue[out](queue), pending: make(map[string]*pendingSend), seqs: make(map[string]int64)}
	s.writing.Store(true)
	return s
}

// Deliver implements hub.Client.
func (s *socket) Deliver(_ string, ev hub.Event) {
	if ev.Control == hub.ControlClose {
		if ev.Session == "" || ev.Session == s.session {
			s.kick(protocol.CloseUnauthorized, "signed out")
		}
		return
	}
	if ev.Origin == s.id {
		return
	}
	kind := outFrame
	if ev.Seq > 0 {
		kind = outMessage
	}
	s.push(out{kind: kind, conv: ev.Conv, seq: ev.Seq, author: ev.Author, cmid: ev.CMID, frame: ev.Frame, at: ev.At})
}

// Resync implements hub.Client.
func (s *socket) Resync() { s.push(out{kind: outResync}) }

// push queues an item; a full queue means the client cannot keep up.
func (s *socket) push(o out) {
	if !s.q.Push(o) {
		s.kick(protocol.CloseTooSlow, "too slow: reconnect and resume")
		return
	}
	s.wake()
}

// kick closes the socket from a goroutine that must not block.
func (s *socket) kick(code websocket.StatusCode, reason string) {
	s.q.Close()
	if s.kicked.CompareAndSwap(false, true) {
		go s.close(code, reason)
	}
}

// close ends the socket once; later calls return at once. Only the state
// change is inside the Once: the close handshake can take seconds, and
// sync.Once would make every other caller wait for it.
func (s *socket) close(code websocket.StatusCode, reason string) {
	first := false
	s.once.Do(func() {
		first = true
		s.q.Close()
	})
	if !first {
		return
	}
	if code == protocol.CloseTooSlow {
		s.h.metrics.slowKicks.Add(1)
	}
	s.log.Debug("ws: closing socket", "who", s.principal, "code", int(code), "reason", reason)
	_ = s.conn.Close(code, reason)
}

// pendingSend is an own send not yet acked: its conversation ("" for a
// new one) and every request id that asked for it (a client may repeat a
// send before the first ack arrives; each request gets its answer).
type pendingSend struct {
	conv string
	ids  []string
}

// addPending records an own send before it is stored, so the writer can
// answer it with an ack wherever the message first reaches this socket.
func (s *socket) addPending(conv, cmid, id string) {
	s.pendingMu.Lock()
	defer s.pendingMu.Unlock()
	if p, ok := s.pending[cmid]; ok && p.conv == conv {
		p.ids = append(p.ids, id)
		return
	}
	s.pending[cmid] = &pendingSend{conv: conv, ids: []string{id}}
}

// takePending removes the send of cmid in conv and returns its request
// ids. A cmid is unique per conversation only, so the conversation must
// match (a new conversation's send matches any).
func (s *socket) takePending(conv, cmid string) ([]string, bool) {
	s.pendingMu.Lock()
	defer s.pendingMu.Unlock()
	p, ok := s.pending[cmid]
	if !ok || (p.conv != "" && p.conv != conv) {
		return nil, false
	}
	delete(s.pending, cmid)
	return p.ids, true
}

// dropPending forgets a send that failed.
func (s *socket) dropPending(cmid string) {
	s.pendingMu.Lock()
	delete(s.pending, cmid)
	s.pendingMu.Unlock()
}

// startWriting hands the socket to writers once the session has written
// its welcome; items queued meanwhile go out now.
func (s *socket) startWriting() {
	s.writing.Store(false)
	if s.q.Len() > 0 {
		s.wake()
	}
}

// wake starts a writer unless one is running.
func (s *socket) wake() {
	if s.writing.CompareAndSwap(false, true) {
		go s.flush()
	}
}

// flush writes until the queue is empty, then ends. A failed write closes
// the socket and leaves writing set, so no writer starts again.
func (s *socket) flush() {
	ctx := context.Background()
	for {
		for items := s.q.Drain(); len(items) > 0; items = s.q.Drain() {
			if err := s.writeBatch(ctx, items); err != nil {
				s.writeFailed(err)
				return
			}
		}
		s.writing.Store(false)
		// A push between the last Drain and the Store found writing set
		// and left its item to this writer.
		if s.q.Len() == 0 || !s.writing.CompareAndSwap(false, true) {
			return
		}
	}
}

// writeBatch writes what one Drain returned, giving up after the write
// timeout. Several frames go out corked, in one syscall. The timeout is a
// deadline on the connection rather than a context: coder/websocket keeps
// the context of a socket's last write, which would hold a timer and its
// context for as long as the socket then stays idle.
func (s *socket) writeBatch(ctx context.Context, items []out) error {
	_ = s.raw.SetWriteDeadline(time.Now().Add(s.h.cfg.WriteTimeout))
	defer func() { _ = s.raw.SetWriteDeadline(time.Time{}) }()
	if len(items) > 1 {
		s.raw.cork()
	}
	for _, o := range items {
		if err := s.writeOut(ctx, o); err != nil {
			_ = s.raw.uncork()
			return err
		}
	}
	return s.raw.uncork()
}

func (s *socket) writeFailed(err error) {
	switch {
	case errors.Is(err, store.ErrUnavailable):
		s.close(websocket.StatusTryAgainLater, "store unavailable: reconnect and resume")
	default:
		s.log.Debug("ws: write failed", "who", s.principal, "err", err)
		s.close(websocket.StatusInternalError, "write failed")
	}
}

func (s *socket) writeOut(ctx context.Context, o out) error {
	switch o.kind {
	case outMessage:
		return s.writeMessage(ctx, o)
	case outAck:
		return s.writeAck(ctx, o)
	case outResync:
		return s.resync(ctx)
	case outCatchUp:
		return s.fill(ctx, o.conv, o.seq)
	}
	return s.write(ctx, o.frame)
}

// write sends one frame; writeBatch and writeJSON bound it in time.
func (s *socket) write(ctx context.Context, frame []byte) error {
	s.h.metrics.framesOut.Add(1)
	return s.conn.Write(ctx, websocket.MessageText, frame)
}

// writeJSON encodes and writes a frame directly; only the session's start
// uses it, before startWriting.
func (s *socket) writeJSON(ctx context.Context, frame any) error {
	b, err := protocol.Encode(frame)
	if err != nil {
		return err
	}
	_ = s.raw.SetWriteDeadline(time.Now().Add(s.h.cfg.WriteTimeout))
	defer func() { _ = s.raw.SetWriteDeadline(time.Time{}) }()
	return s.write(ctx, b)
}

// send queues a frame for the writer.
func (s *socket) send(frame any) {
	b, err := protocol.Encode(frame)
	if err != nil {
		s.log.Error("ws: encode frame", "err", err)
		return
	}
	s.push(out{kind: outFrame, frame: b})
}

// sendError queues an error frame.
func (s *socket) sendError(e *protocol.Error) { s.send(e) }
