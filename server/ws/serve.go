package ws

import (
	"context"
	"net/http"

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

// serve runs one connection: accept, hello, start, then read until the
// socket ends. A nil newSession refuses the connection as coming from a
// foreign origin.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, d protocol.Dialect, endpoint string, newSession func(*socket) session) {
	c, raw, ok := h.accept(w, r, d)
	if !ok {
		return
	}
	defer h.release(raw)
	ctx := context.WithoutCancel(r.Context())
	if newSession == nil {
		refuse(ctx, c, errBadOrigin, protocol.ClosePolicy)
		return
	}
	hello, err := readHello(ctx, c, d, h.cfg.HelloTimeout)
	if err != nil {
		helloFailed(ctx, c, err)
		return
	}
	s := newSocket(h, c, h.log.With("endpoint", endpoint))
	sess := newSession(s)
	defer h.unregister(s)
	if err := sess.start(ctx, r, hello); err != nil {
		sess.refuse(ctx, err)
		return
	}
	defer sess.ended()
	go s.writeLoop()
	s.readLoop(ctx, d, sess.handle)
	s.close(1000, "")
}
