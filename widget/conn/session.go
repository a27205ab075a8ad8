package conn

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// session is one WebSocket connection, served by a reader, a writer and a
// heartbeat goroutine that all stop when it ends. Frames of a session that
// is no longer the client's current one are ignored, so a socket that is
// slow to close cannot disturb its successor.
type session struct {
	c    *Client
	ws   socket
	done chan struct{} // closed by end
	once sync.Once
	err  error // why the session ended; read after done

	welcomed bool             // guarded by c.mu
	resume   map[string]int64 // what the hello named; guarded by c.mu
	lastRecv atomic.Int64     // unix nanoseconds of the last frame read

	outMu sync.Mutex
	out   [][]byte
	wake  chan struct{}
}

func newSession(c *Client, ws socket) *session {
	s := &session{c: c, ws: ws, done: make(chan struct{}), wake: make(chan struct{}, 1)}
	s.lastRecv.Store(time.Now().UnixNano())
	return s
}

func (s *session) start() {
	go s.readLoop()
	go s.writeLoop()
	go s.heartbeat()
}

// end stops the session for err; only the first call counts. The socket is
// closed in the background: under js/wasm Close waits for the browser.
func (s *session) end(err error) { s.stop(err, false) }

// stop is end with a choice of a clean close handshake.
func (s *session) stop(err error, graceful bool) {
	s.once.Do(func() {
		s.err = err
		close(s.done)
		go s.ws.Close(graceful)
	})
}

// write queues a frame for the writer goroutine; frames go out in the order
// they were queued. After the session ended it does nothing.
func (s *session) write(frame any) {
	b, err := protocol.Encode(frame)
	if err != nil {
		s.c.logf("conn: encode frame: %v", err)
		return
	}
	s.outMu.Lock()
	s.out = append(s.out, b)
	s.outMu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *session) pop() ([]byte, bool) {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	if len(s.out) == 0 {
		return nil, false
	}
	b := s.out[0]
	s.out[0] = nil
	s.out = s.out[1:]
	return b, true
}

func (s *session) writeLoop() {
	for {
		b, ok := s.pop()
		if !ok {
			select {
			case <-s.wake:
				continue
			case <-s.done:
				return
			}
		}
		// Background: a cancelled context would close the socket; closing
		// the socket is what unblocks a stuck write.
		if err := s.ws.Write(context.Background(), b); err != nil {
			s.end(fmt.Errorf("conn: write: %w", err))
			return
		}
	}
}

// readLoop is the socket's only reader. Its context is never cancelled: in
// coder/websocket a cancelled Read closes the connection.
func (s *session) readLoop() {
	for {
		data, err := s.ws.Read(context.Background())
		if err != nil {
			s.end(fmt.Errorf("conn: read: %w", err))
			return
		}
		s.lastRecv.Store(time.Now().UnixNano())
		s.c.handle(s, data)
	}
}

// heartbeat sends a ping frame every PingInterval (browsers cannot send
// control pings) and ends the session when nothing at all has arrived for
// two intervals.
func (s *session) heartbeat() {
	iv := s.c.cfg.PingInterval
	t := time.NewTicker(iv / 2)
	defer t.Stop()
	ping := false
	for {
		select {
		case <-s.done:
			return
		case now := <-t.C:
			if now.Sub(time.Unix(0, s.lastRecv.Load())) > 2*iv {
				s.end(errDead)
				return
			}
			if ping = !ping; ping {
				s.write(&protocol.Ping{Type: protocol.TypePing})
			}
		}
	}
}
