package conn

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// Errors the client reports.
var (
	ErrUnauthorized = errors.New("conn: unauthorized")         // close 4001, HTTP 401 or a hello refused as unauthorized: Run stops
	ErrPolicy       = errors.New("conn: refused by policy")    // close 1008 or HTTP 403: Run stops
	ErrOffline      = errors.New("conn: not connected")        // History while no session is welcomed
	ErrDisconnected = errors.New("conn: connection lost")      // the session ended while a request waited
	errDropped      = errors.New("conn: connection dropped")   // DropConnection
	errRehello      = errors.New("conn: hello changed")        // UpdateHello
	errDead         = errors.New("conn: heartbeat missed")     // nothing received for 2×PingInterval
	errStopping     = errors.New("conn: stopped by its owner") // Run's context is done
)

const (
	dialTimeout = 15 * time.Second
	helloID     = "hello" // the id hello carries, so that an error frame refusing it can be told apart
)

// Run connects and keeps the client connected, reconnecting with backoff
// and resuming, until ctx is done (it returns nil) or the server refuses
// the client for good (4001, 1008: it returns an error wrapping
// ErrUnauthorized or ErrPolicy). Call it once at a time.
func (c *Client) Run(ctx context.Context) error {
	stop, drained := make(chan struct{}), make(chan struct{})
	go func() {
		c.ev.run(stop)
		close(drained)
	}()
	err := c.loop(ctx)
	c.enter(StateStopped)
	close(stop)
	<-drained
	return err
}

func (c *Client) loop(ctx context.Context) error {
	c.enter(StateConnecting)
	attempt := 0
	for {
		welcomed, err := c.runSession(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if fatal := fatalError(err); fatal != nil {
			c.ev.push(Event{Kind: EventError, Err: fatal})
			return fatal
		}
		if welcomed {
			attempt = 0
			c.enter(StateReconnecting)
		}
		attempt = nextAttempt(attempt, err)
		wait := Backoff(attempt, c.cfg.MinBackoff, c.cfg.MaxBackoff)
		c.logf("conn: reconnecting in %v: %v", wait, err)
		if !sleep(ctx, wait) {
			return nil
		}
	}
}

// nextAttempt numbers the coming reconnect for backoff.
func nextAttempt(attempt int, err error) int {
	attempt++
	if closeStatus(err) == protocol.CloseRestart {
		attempt = max(attempt, 3) // spread a restarting node's clients over ~2s
	}
	return attempt
}

// runSession dials, says hello and serves the session until it ends. It
// reports whether the session was welcomed, and why it ended.
func (c *Client) runSession(ctx context.Context) (bool, error) {
	s, err := c.connect(ctx)
	if err != nil {
		return false, err
	}
	select {
	case <-s.done:
	case <-ctx.Done():
		s.stop(errStopping, true)
	}
	return c.detach(s), s.err
}

func (c *Client) connect(ctx context.Context) (*session, error) {
	dctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	ws, err := dial(dctx, &c.cfg)
	if err != nil {
		return nil, err
	}
	s := newSession(c, ws)
	c.mu.Lock()
	c.sess = s
	s.write(c.hello(s))
	c.mu.Unlock()
	s.start()
	return s, nil
}

// hello builds the hello frame from the template, the current token and
// the tracked conversations. Call with c.mu held.
func (c *Client) hello(s *session) *protocol.Hello {
	h := c.cfg.Hello
	h.Type = protocol.TypeHello
	h.ID = helloID
	h.Token = c.token
	// Past the dialect's resume limit, the others are caught up through
	// history once the welcome names their last_seq (see learn). Agents
	// (a hello without a site) follow far more conversations than visitors.
	limit := protocol.MaxResumeEntries
	if h.Site == "" {
		limit = protocol.MaxAgentResumeEntries
	}
	h.Resume = c.seqs.Resume(limit)
	s.resume = h.Resume
	return &h
}

// detach forgets the ended session s: sends go back to unsent (they are
// re-sent after the next welcome) and gap fillers stop. It reports whether
// s had been welcomed.
func (c *Client) detach(s *session) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess == s {
		c.sess = nil
	}
	c.out.unsend()
	for conv, fs := range c.filling {
		if fs == s {
			delete(c.filling, conv)
		}
	}
	if c.retry != nil {
		c.retry.Stop()
		c.retry = nil
	}
	return s.welcomed
}

// fatalError returns the error Run must stop with, or nil to reconnect.
func fatalError(err error) error {
	if errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrPolicy) {
		return err
	}
	switch closeStatus(err) {
	case protocol.CloseUnauthorized:
		return fmt.Errorf("%w: closed with 4001: %w", ErrUnauthorized, err)
	case protocol.ClosePolicy:
		return fmt.Errorf("%w: closed with 1008: %w", ErrPolicy, err)
	}
	return nil
}

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
