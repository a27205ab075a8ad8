package ws

import (
	"context"
	"net/http"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/shared/protocol"
)

// session is what differs between the two endpoints once a socket said
// hello.
type session interface {
	// start authenticates the hello, subscribes, and writes the welcome.
	start(ctx context.Context, r *http.Request, hello *protocol.Hello) error
	// refuse ends a socket whose start failed, with the fitting close code.
	refuse(ctx context.Context, err error)
	// handle serves one frame after the welcome.
	handle(ctx context.Context, f protocol.ClientFrame)
	// ended runs once the socket has closed after a successful start.
	ended()
}

// newSession makes the session of a socket that said hello on request r.
type newSession func(s *socket, r *http.Request) session

// serve accepts one connection and returns, so net/http's per-request
// state and the handler's stack are freed while the socket lives. A nil
// newSession refuses the connection as coming from a foreign origin.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, d protocol.Dialect, endpoint string, newSession newSession) {
	c, raw, ok := h.accept(w, r, d)
	if !ok {
		return
	}
	// net/http cancels r's context as this handler returns; the session
	// still reads the request (its cookie) and queries with its context.
	r = r.WithContext(context.WithoutCancel(r.Context()))
	go func() {
		s, sess := h.open(c, raw.netConn(), r, d, endpoint, newSession)
		if s == nil {
			h.release(raw)
			return
		}
		// The reader is a fresh goroutine: this one's stack has grown
		// through the store calls of start, and a stack shrinks only while
		// it uses under a quarter of itself, so an idle reader here would
		// keep twice what it needs. Writers start only when there is
		// something to write (socket.wake), so an idle socket costs just
		// the reader.
		go h.read(s, sess, raw, d)
	}()
}

// open reads the hello and starts the session; nil means the socket was
// refused and closed.
func (h *Handler) open(c *websocket.Conn, raw *corkConn, r *http.Request, d protocol.Dialect, endpoint string, newSession newSession) (*socket, session) {
	ctx := context.Background()
	if newSession == nil {
		refuse(ctx, c, errBadOrigin, protocol.ClosePolicy)
		return nil, nil
	}
	hello, err := readHello(ctx, c, d, h.cfg.HelloTimeout)
	if err != nil {
		helloFailed(ctx, c, err)
		return nil, nil
	}
	queue := h.cfg.QueueLimit
	if endpoint == "agent" {
		queue = h.cfg.AgentQueueLimit
	}
	s := newSocket(h, c, raw, queue, h.endpointLog(endpoint))
	sess := newSession(s, r)
	if err := sess.start(ctx, r, hello); err != nil {
		h.unregister(s)
		sess.refuse(ctx, err)
		return nil, nil
	}
	s.startWriting()
	return s, sess
}

// read serves frames until the socket ends, then cleans up after it.
func (h *Handler) read(s *socket, sess session, raw *hijackRecorder, d protocol.Dialect) {
	defer h.release(raw)
	defer h.unregister(s)
	defer sess.ended()
	s.readLoop(context.Background(), d, sess.handle)
	s.close(1000, "")
}
