//go:build js

package conn

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"syscall/js"
)

// closedError carries the code and reason of the browser's close event.
type closedError struct {
	code   int
	reason string
}

func (e *closedError) Error() string { return fmt.Sprintf("conn: closed with %d %s", e.code, e.reason) }

// closeStatus is the close code that ended a connection, or -1.
func closeStatus(err error) int {
	var ce *closedError
	if errors.As(err, &ce) {
		return ce.code
	}
	return -1
}

// browserSocket is the browser's WebSocket driven through syscall/js.
// Callbacks only queue; the session's goroutines do the work.
type browserSocket struct {
	ws     js.Value
	funcs  []js.Func
	mu     sync.Mutex
	queue  [][]byte
	ready  chan struct{} // signalled when a frame is queued
	opened chan struct{}
	closed chan struct{}
	err    error // why it closed; read after closed
	once   sync.Once
}

// dial opens the socket. Browsers send the page's Origin themselves and
// allow no other headers.
func dial(ctx context.Context, cfg *Config) (socket, error) {
	s := &browserSocket{ready: make(chan struct{}, 1), opened: make(chan struct{}), closed: make(chan struct{})}
	s.ws = js.Global().Get("WebSocket").New(cfg.URL)
	s.on("open", func(js.Value) { close(s.opened) })
	s.on("message", func(ev js.Value) {
		if d := ev.Get("data"); d.Type() == js.TypeString {
			s.push([]byte(d.String()))
		}
	})
	s.on("close", func(ev js.Value) {
		s.fail(&closedError{code: ev.Get("code").Int(), reason: ev.Get("reason").String()})
		// The browser fires nothing after close: only now may the handlers
		// go (releasing them earlier makes a late event call a released
		// function).
		for _, f := range s.funcs {
			defer f.Release()
		}
	})
	select {
	case <-s.opened:
		return s, nil
	case <-s.closed:
		return nil, fmt.Errorf("conn: dial: %w", s.err)
	case <-ctx.Done():
		s.Close(false)
		return nil, fmt.Errorf("conn: dial: %w", ctx.Err())
	}
}

func (s *browserSocket) on(event string, fn func(js.Value)) {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		fn(args[0])
		return nil
	})
	s.funcs = append(s.funcs, f)
	s.ws.Call("addEventListener", event, f)
}

func (s *browserSocket) push(frame []byte) {
	s.mu.Lock()
	s.queue = append(s.queue, frame)
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

func (s *browserSocket) fail(err error) {
	s.once.Do(func() {
		s.err = err
		close(s.closed)
	})
}

// Read returns queued frames first, then waits for the next or the close.
func (s *browserSocket) Read(ctx context.Context) ([]byte, error) {
	for {
		s.mu.Lock()
		if len(s.queue) > 0 {
			f := s.queue[0]
			s.queue = s.queue[1:]
			s.mu.Unlock()
			return f, nil
		}
		s.mu.Unlock()
		select {
		case <-s.ready:
		case <-s.closed:
			return nil, s.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (s *browserSocket) Write(_ context.Context, frame []byte) error {
	select {
	case <-s.closed:
		return s.err
	default:
	}
	s.ws.Call("send", string(frame))
	return nil
}

// Close always uses 1000: some browsers reject other codes from scripts.
// The socket counts as closed at once; the browser finishes in the
// background.
func (s *browserSocket) Close(bool) {
	s.ws.Call("close", 1000)
	s.fail(&closedError{code: 1000, reason: "closed by the client"})
}
