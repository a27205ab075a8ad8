package relay

import (
	"bytes"
	"context"
	"net/http"
	"sync"

	"github.com/coder/websocket"
)

// socket is one client connection. mu orders deliveries to it.
type socket struct {
	id string
	c  *websocket.Conn
	mu sync.Mutex
}

// accept upgrades, registers the socket under its id and returns at once:
// the socket's only goroutine is its reader.
func (r *Relay) accept(w http.ResponseWriter, req *http.Request) {
	id := req.URL.Query().Get("id")
	if id == "" {
		http.Error(w, "relay: ?id= is required", http.StatusBadRequest)
		return
	}
	c, err := websocket.Accept(w, req, &websocket.AcceptOptions{InsecureSkipVerify: true, CompressionMode: websocket.CompressionDisabled})
	if err != nil {
		return // Accept has answered
	}
	s := &socket{id: id, c: c}
	r.add(s)
	r.wg.Go(func() { r.read(s) })
}

// add registers s, closing a socket the same id held before.
func (r *Relay) add(s *socket) {
	r.mu.Lock()
	old := r.socks[s.id]
	r.socks[s.id] = s
	r.mu.Unlock()
	r.open.Add(1)
	if old != nil {
		_ = old.c.CloseNow()
	}
}

// remove unregisters s unless a newer socket took its id.
func (r *Relay) remove(s *socket) {
	r.mu.Lock()
	if r.socks[s.id] == s {
		delete(r.socks, s.id)
	}
	r.mu.Unlock()
	r.open.Add(-1)
}

// read relays every text frame of s until the socket or the relay ends.
// The request's context is gone once the handler returned: the relay's
// own context bounds the read.
func (r *Relay) read(s *socket) {
	defer r.remove(s)
	defer s.c.CloseNow()
	for {
		typ, b, err := s.c.Read(r.ctx)
		if err != nil {
			return
		}
		if typ == websocket.MessageText {
			r.route(r.ctx, b)
		}
	}
}

// deliver writes the payload of frame "<target> <payload>" to the target's
// socket on this node, if it has one.
func (r *Relay) deliver(frame []byte) {
	target, payload, ok := bytes.Cut(frame, []byte(" "))
	if !ok {
		return
	}
	r.mu.RLock()
	s := r.socks[string(target)]
	r.mu.RUnlock()
	if s == nil {
		r.undeliverable.Add(1)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ctx, cancel := context.WithTimeout(r.ctx, writeTimeout)
	defer cancel()
	if err := s.c.Write(ctx, websocket.MessageText, payload); err != nil {
		_ = s.c.CloseNow()
		return
	}
	r.delivered.Add(1)
}
