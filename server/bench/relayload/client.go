package relayload

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/widget/conn"
)

// Reconnect backoff by default, as loadgen configures widget/conn's
// clients, and the bounds on one dial and one send.
const (
	minBackoff = 50 * time.Millisecond
	maxBackoff = time.Second
	dialLimit  = 10 * time.Second
	sendLimit  = 5 * time.Second
)

var errOffline = errors.New("relayload: not connected")

// client is one relay socket that reconnects with widget/conn's jittered
// backoff until its context ends.
type client struct {
	url       string          // ws://host:port/ws?id=…
	onPayload func([]byte)    // nil: an idle socket
	slots     chan struct{}   // bounds concurrent first dials
	lo, hi    time.Duration   // reconnect backoff bounds
	mu        sync.Mutex      // guards ws and orders sends
	ws        *websocket.Conn // nil while offline
	connects  atomic.Int64    // sessions established so far
	online    atomic.Bool     // a session is up
	lastErr   atomic.Pointer[error]
}

func newClient(base, id string, slots chan struct{}, onPayload func([]byte)) *client {
	return &client{url: base + "/ws?id=" + id, slots: slots, onPayload: onPayload, lo: minBackoff, hi: maxBackoff}
}

// run keeps the client connected until ctx ends.
func (c *client) run(ctx context.Context) {
	attempt := 0
	for ctx.Err() == nil {
		ws, err := c.dial(ctx)
		if err == nil {
			attempt = 0
			c.serve(ctx, ws)
		} else {
			c.lastErr.Store(&err)
		}
		attempt++
		if !sleep(ctx, conn.Backoff(attempt, c.lo, c.hi)) {
			return
		}
	}
}

// dial connects; until the first session, it waits for a dial slot so that
// thousands of sockets do not overflow the node's listen backlog at once.
// Reconnects are not held back: a storm is what they are meant to be.
func (c *client) dial(ctx context.Context) (*websocket.Conn, error) {
	if c.connects.Load() == 0 {
		select {
		case c.slots <- struct{}{}:
			defer func() { <-c.slots }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	dctx, cancel := context.WithTimeout(ctx, dialLimit)
	defer cancel()
	ws, _, err := websocket.Dial(dctx, c.url, &websocket.DialOptions{CompressionMode: websocket.CompressionDisabled})
	if err != nil {
		return nil, fmt.Errorf("relayload: dial %s: %w", c.url, err)
	}
	return ws, nil
}

// serve reads one session until it ends.
func (c *client) serve(ctx context.Context, ws *websocket.Conn) {
	c.mu.Lock()
	c.ws = ws
	c.mu.Unlock()
	c.connects.Add(1)
	c.online.Store(true)
	defer func() {
		c.online.Store(false)
		c.mu.Lock()
		c.ws = nil
		c.mu.Unlock()
		_ = ws.CloseNow()
	}()
	for {
		_, b, err := ws.Read(ctx)
		if err != nil {
			return
		}
		if c.onPayload != nil {
			c.onPayload(b)
		}
	}
}

// send writes one frame on the current session.
func (c *client) send(ctx context.Context, frame []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ws == nil {
		return errOffline
	}
	ctx, cancel := context.WithTimeout(ctx, sendLimit)
	defer cancel()
	return c.ws.Write(ctx, websocket.MessageText, frame)
}

// lastError is the latest dial failure, for "not online" errors.
func (c *client) lastError() error {
	if p := c.lastErr.Load(); p != nil {
		return *p
	}
	return nil
}

// sleep waits d or until ctx ends; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
