package ws

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// readHello waits for the first frame, which must be a valid hello.
func readHello(ctx context.Context, c *websocket.Conn, d protocol.Dialect, timeout time.Duration) (*protocol.Hello, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// A Read whose context ends closes the connection; here that is wanted.
	_, data, err := c.Read(ctx)
	if err != nil {
		return nil, err
	}
	f, err := d.Decode(data)
	if err != nil {
		return nil, err
	}
	hello, ok := f.(*protocol.Hello)
	if !ok {
		return nil, protocol.NewError(protocol.CodeBadFrame, "the first frame must be hello")
	}
	return hello, nil
}

// refuse sends an error frame, then closes with code.
func refuse(ctx context.Context, c *websocket.Conn, e *protocol.Error, code websocket.StatusCode) {
	if b, err := protocol.Encode(e); err == nil {
		wctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		_ = c.Write(wctx, websocket.MessageText, b)
		cancel()
	}
	_ = c.Close(code, e.Message)
}

// helloFailed closes a connection whose hello could not be read.
func helloFailed(ctx context.Context, c *websocket.Conn, err error) {
	var pe *protocol.Error
	switch {
	case errors.As(err, &pe) && pe.Code == protocol.CodeUnauthorized:
		refuse(ctx, c, pe, protocol.CloseUnauthorized)
	case errors.As(err, &pe):
		refuse(ctx, c, pe, protocol.ClosePolicy)
	case errors.Is(err, context.DeadlineExceeded):
		_ = c.Close(protocol.ClosePolicy, "hello expected")
	default:
		c.CloseNow()
	}
}

// readLoop reads frames until the connection ends, resetting the idle timer
// on each, and hands valid ones to handle. Malformed frames get an error
// frame and the socket stays open.
func (s *socket) readLoop(ctx context.Context, d protocol.Dialect, handle func(context.Context, protocol.ClientFrame)) {
	idle := time.AfterFunc(s.h.cfg.IdleTimeout, func() { s.close(websocket.StatusGoingAway, "idle timeout") })
	defer idle.Stop()
	for {
		_, data, err := s.conn.Read(ctx)
		if err != nil {
			s.log.Debug("ws: read ended", "who", s.principal, "err", err, "status", int(websocket.CloseStatus(err)))
			return
		}
		idle.Reset(s.h.cfg.IdleTimeout)
		s.h.metrics.framesIn.Add(1)
		if s.budget != nil && !s.budget.take() {
			e := protocol.NewError(protocol.CodeRateLimited, "too many frames; slow down")
			e.RetryAfterMS = 1000
			s.sendError(e)
			continue
		}
		f, err := d.Decode(data)
		if err != nil {
			var pe *protocol.Error
			if errors.As(err, &pe) {
				s.sendError(pe)
			}
			continue
		}
		handle(ctx, f)
	}
}

// originAllowed reports whether a browser at origin may connect. Requests
// without an Origin come from non-browser clients, which cannot be driven by
// another site's page.
func originAllowed(r *http.Request, public string, extra []string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) || strings.EqualFold(origin, public) {
		return true
	}
	return slices.ContainsFunc(extra, func(o string) bool { return strings.EqualFold(strings.TrimSuffix(o, "/"), origin) })
}

// errorFrame maps a domain error to the protocol error a client gets.
func errorFrame(id string, err error) *protocol.Error {
	var pe *protocol.Error
	switch {
	case errors.As(err, &pe):
		return pe.WithID(id)
	case errors.Is(err, store.ErrNotFound):
		return protocol.NewError(protocol.CodeNotFound, "no such conversation").WithID(id)
	case errors.Is(err, store.ErrConflict):
		return protocol.NewError(protocol.CodeBadFrame, "request conflicts with the conversation's state").WithID(id)
	}
	e := protocol.NewError(protocol.CodeUnavailable, "temporarily unavailable, retry").WithID(id)
	e.RetryAfterMS = 1000
	return e
}
