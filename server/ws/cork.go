package ws

import (
	"net"
	"sync"
)

// maxCorked is how much a corked connection holds before it writes anyway.
const maxCorked = 64 << 10

// corkPool keeps the buffers of corked writes between batches, so that an
// idle socket holds none.
var corkPool = sync.Pool{New: func() any { return new([]byte) }}

// corkConn is the hijacked connection under a socket. While corked it
// collects what coder/websocket writes, one flush per frame, and writes it
// with one syscall on uncork: a writer draining a queue of many frames
// (an agent's socket under load) then pays one write for the batch, not
// one per frame. Uncorked it writes straight through. Writes come from the
// socket's writer and from coder/websocket's own control frames (pongs,
// close), hence the lock.
type corkConn struct {
	net.Conn
	mu     sync.Mutex
	corked bool
	buf    *[]byte // held only while corked
	err    error   // a failed write while corked, returned by uncork
}

func (c *corkConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.corked {
		return c.Conn.Write(p)
	}
	if c.err != nil {
		return 0, c.err
	}
	*c.buf = append(*c.buf, p...)
	if len(*c.buf) >= maxCorked {
		if err := c.writeHeld(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// cork holds writes until uncork.
func (c *corkConn) cork() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.corked {
		c.corked, c.buf = true, corkPool.Get().(*[]byte)
	}
}

// uncork writes what cork held and goes back to writing straight through.
func (c *corkConn) uncork() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.corked {
		return nil
	}
	err := c.err
	if err == nil {
		err = c.writeHeld()
	}
	if cap(*c.buf) <= maxCorked*2 {
		*c.buf = (*c.buf)[:0]
		corkPool.Put(c.buf)
	}
	c.corked, c.buf, c.err = false, nil, nil
	return err
}

// writeHeld writes the held bytes; call with c.mu held.
func (c *corkConn) writeHeld() error {
	if len(*c.buf) == 0 {
		return nil
	}
	_, err := c.Conn.Write(*c.buf)
	*c.buf = (*c.buf)[:0]
	if err != nil {
		c.err = err
	}
	return err
}
