package ws

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"sync"
)

// Buffer sizes of an accepted connection. net/http hands a hijacker 4 KiB
// to read with and 4 KiB to write with, which an idle socket would hold
// for hours: most of its memory. Chat frames are a few hundred bytes, and
// bufio passes larger reads and writes straight through, so small buffers
// cost a syscall now and then and save 7 KiB per socket.
const (
	readBufferSize  = 512
	writeBufferSize = 512
)

// hijackRecorder keeps the raw connection that websocket.Accept hijacks.
// coder/websocket offers no way to cut a socket whose close handshake is
// under way (CloseNow then waits for it, up to 5 s for a peer that does
// not answer); closing the raw connection does, which shutdown needs to
// stay within its grace period.
type hijackRecorder struct {
	http.ResponseWriter
	mu   sync.Mutex
	conn *corkConn
}

// Hijack implements http.Hijacker, with small buffers (see
// readBufferSize); bytes net/http had already read stay first in line.
func (h *hijackRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return c, rw, err
	}
	cc := &corkConn{Conn: c}
	h.mu.Lock()
	h.conn = cc
	h.mu.Unlock()
	br := bufio.NewReaderSize(c, readBufferSize)
	if n := rw.Reader.Buffered(); n > 0 {
		early, _ := rw.Reader.Peek(n)
		br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(bytes.Clone(early)), c), max(readBufferSize, n))
		_, _ = br.Peek(n) // buffered again, where the caller looks for them
	}
	return cc, bufio.NewReadWriter(br, bufio.NewWriterSize(cc, writeBufferSize)), nil
}

// hijacked drops the ResponseWriter once the upgrade is done: it holds
// net/http's connection state, which is garbage from then on.
func (h *hijackRecorder) hijacked() { h.ResponseWriter = nil }

// Unwrap lets http.ResponseController reach the original writer.
func (h *hijackRecorder) Unwrap() http.ResponseWriter { return h.ResponseWriter }

// netConn is the hijacked connection.
func (h *hijackRecorder) netConn() *corkConn {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conn
}

// cut closes the raw connection at once.
func (h *hijackRecorder) cut() {
	h.mu.Lock()
	c := h.conn
	h.mu.Unlock()
	if c != nil {
		_ = c.Close()
	}
}
