package ws

import (
	"bufio"
	"net"
	"net/http"
	"sync"
)

// hijackRecorder keeps the raw connection that websocket.Accept hijacks.
// coder/websocket offers no way to cut a socket whose close handshake is
// under way (CloseNow then waits for it, up to 5 s for a peer that does
// not answer); closing the raw connection does, which shutdown needs to
// stay within its grace period.
type hijackRecorder struct {
	http.ResponseWriter
	mu   sync.Mutex
	conn net.Conn
}

// Hijack implements http.Hijacker.
func (h *hijackRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err == nil {
		h.mu.Lock()
		h.conn = c
		h.mu.Unlock()
	}
	return c, rw, err
}

// Unwrap lets http.ResponseController reach the original writer.
func (h *hijackRecorder) Unwrap() http.ResponseWriter { return h.ResponseWriter }

// cut closes the raw connection at once.
func (h *hijackRecorder) cut() {
	h.mu.Lock()
	c := h.conn
	h.mu.Unlock()
	if c != nil {
		_ = c.Close()
	}
}
