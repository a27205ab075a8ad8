package conn

import (
	"strconv"
	"sync"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// Defaults for the zero values of Config.
const (
	DefaultMinBackoff   = 250 * time.Millisecond
	DefaultMaxBackoff   = 10 * time.Second
	DefaultPingInterval = 25 * time.Second
)

// readLimit bounds one incoming frame; history replies can be large.
const readLimit = 1 << 20

// Config configures a Client.
type Config struct {
	URL      string         // full ws:// or wss:// URL of /ws/visitor or /ws/agent
	Hello    protocol.Hello // template: Site, Token, Page, Locale, Identity; the client fills Type, ID and Resume (a Resume given here seeds the tracking, e.g. from storage)
	Origin   string         // native only: the Origin header to send (ignored under js/wasm)
	Backfill bool           // fetch the whole history of conversations first seen in a welcome; else start them at its last_seq

	MinBackoff, MaxBackoff time.Duration // reconnect backoff bounds; defaults 250ms and 10s
	PingInterval           time.Duration // heartbeat; the socket is dead after 2× this without a frame; default 25s

	OnEvent func(Event) // called from the client's own goroutine, in order, with no client lock held; must not block for long
	// Logf, when set, receives debug lines. (A func rather than *slog.Logger:
	// log/slog would add ~40 KB to the widget's WebAssembly.)
	Logf func(format string, args ...any)
}

// Client is a reconnecting Parley client for one visitor or agent. Its
// methods are safe for concurrent use.
type Client struct {
	cfg  Config
	logf func(format string, args ...any)
	ev   *emitter

	mu        sync.Mutex
	state     State
	token     string
	visitorID string
	agent     *protocol.AgentInfo
	sess      *session // nil while offline
	seqs      *Seqs
	out       outbox
	waiters   map[string]chan sendResult // cmid → SendWait
	hist      map[string]chan protocol.ServerFrame
	filling   map[string]*session // conv → the session whose goroutine fills its gap
	retry     *time.Timer
	retryAt   time.Time
	nextID    int64
}

// New returns a client; call Run to connect.
func New(cfg Config) *Client {
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = max(DefaultMaxBackoff, cfg.MinBackoff)
	}
	if cfg.PingInterval <= 0 {
		cfg.PingInterval = DefaultPingInterval
	}
	logf := cfg.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	seqs := NewSeqs()
	for conv, last := range cfg.Hello.Resume {
		seqs.Start(conv, last)
	}
	return &Client{
		cfg:     cfg,
		logf:    logf,
		ev:      newEmitter(cfg.OnEvent),
		token:   cfg.Hello.Token,
		seqs:    seqs,
		waiters: map[string]chan sendResult{},
		hist:    map[string]chan protocol.ServerFrame{},
		filling: map[string]*session{},
	}
}

// Token returns the visitor token to store for next time: the one the last
// welcome carried, else the configured one.
func (c *Client) Token() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.token
}

// VisitorID returns the visitor id from the last welcome ("" for agents).
func (c *Client) VisitorID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.visitorID
}

// Agent returns the agent from the last welcome (nil for visitors).
func (c *Client) Agent() *protocol.AgentInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.agent
}

// LastSeq returns the highest contiguous seq seen in conv.
func (c *Client) LastSeq(conv string) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seqs.Last(conv)
}

// Conversations returns the ids of the conversations the client tracks.
func (c *Client) Conversations() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seqs.Convs()
}

// Pending returns the number of sends not yet acked or failed.
func (c *Client) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.out.list)
}

// State returns the connection state.
func (c *Client) State() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state
}

// DropConnection closes the current socket abruptly, as a network failure
// would; Run reconnects and resumes. It is for chaos tests.
func (c *Client) DropConnection() {
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.end(errDropped)
	}
}

// enter is setState for callers not holding c.mu.
func (c *Client) enter(st State) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.setState(st)
}

// setState records st and reports a change. Call with c.mu held.
func (c *Client) setState(st State) {
	if c.state == st {
		return
	}
	c.state = st
	c.ev.push(Event{Kind: EventState, State: st})
}

// online returns the current session if it has been welcomed. Call with
// c.mu held.
func (c *Client) online() *session {
	if c.sess == nil || !c.sess.welcomed {
		return nil
	}
	return c.sess
}

// newID returns a request id unique within the client. Call with c.mu held.
func (c *Client) newID(prefix string) string {
	c.nextID++
	return prefix + strconv.FormatInt(c.nextID, 10)
}

// UpdateHello changes what the next hello says (identity, page, locale,
// attributes) and, when connected, reconnects at once so the server hears
// it: a hello is the only place the visitor protocol carries these.
func (c *Client) UpdateHello(update func(h *protocol.Hello)) {
	c.mu.Lock()
	update(&c.cfg.Hello)
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.end(errRehello)
	}
}

// ResetToken forgets the visitor token, so the next hello starts a new
// visitor (after the server refused the old token with 4001).
func (c *Client) ResetToken() {
	c.mu.Lock()
	c.token = ""
	c.mu.Unlock()
}
