// Package ws serves the WebSocket endpoints: /ws/visitor (protocol v1, see
// shared/protocol) and /ws/agent (the same frames plus notes, documented in
// agent.go). Each connection gets one reading goroutine, started as the
// HTTP handler returns, and a writer fed by a bounded queue that runs only
// while there is something to write; see socket.go and ordering.go for how
// every socket receives each conversation in seq order with no gaps.
package ws

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/ratelimit"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// Config tunes the endpoints. Zero values take the defaults.
type Config struct {
	// PublicOrigin is the server's own origin (scheme://host[:port]); the
	// widget iframe and the console connect from it.
	PublicOrigin string
	// AgentOrigins are further origins allowed on /ws/agent.
	AgentOrigins []string
	QueueLimit   int // frames queued per visitor socket before 4008 (256)
	// AgentQueueLimit is the same for agent sockets (16,384): an agent
	// hears every conversation, and a node's restart sends it thousands
	// at once, each perhaps caught up from the store first.
	AgentQueueLimit int
	HelloTimeout    time.Duration // time allowed before hello (10s)
	IdleTimeout     time.Duration // silence before a socket is dropped (75s)
	WriteTimeout    time.Duration // one frame's write (10s)
	// VisitorSends limits messages per visitor; nil means unlimited.
	VisitorSends ratelimit.Limiter
	// NewVisitors limits visitors created per client IP; nil means
	// unlimited.
	NewVisitors ratelimit.Limiter
	// SessionAgent authenticates an agent socket by its console session
	// cookie, for a hello without a token; nil allows tokens only.
	SessionAgent func(*http.Request) (store.Agent, string, bool)
	// Delivered, when set, is told how long each message took from its
	// publish to its frame written to a socket (messages filled in from
	// the store are not counted).
	Delivered func(time.Duration)
}

func (c *Config) defaults() {
	if c.QueueLimit == 0 {
		c.QueueLimit = 256
	}
	if c.AgentQueueLimit == 0 {
		c.AgentQueueLimit = 16384
	}
	if c.HelloTimeout == 0 {
		c.HelloTimeout = 10 * time.Second
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = 75 * time.Second
	}
	if c.WriteTimeout == 0 {
		c.WriteTimeout = 10 * time.Second
	}
}

// Metrics are the handler's counters.
type Metrics struct {
	open, framesIn, framesOut, slowKicks atomic.Int64
}

// Snapshot returns the counters' current values.
func (m *Metrics) Snapshot() map[string]int64 {
	return map[string]int64{"sockets_open": m.open.Load(), "frames_in": m.framesIn.Load(),
		"frames_out": m.framesOut.Load(), "slow_consumer_kicks": m.slowKicks.Load()}
}

// Handler serves both endpoints and tracks their sockets for shutdown.
type Handler struct {
	cfg     Config
	chat    *chat.Service
	store   store.Store
	hub     *hub.Hub
	log     *slog.Logger
	logs    map[string]*slog.Logger // per endpoint, so sockets share one
	metrics Metrics
	sites   siteCache

	mu      sync.Mutex
	sockets map[*socket]struct{}         // after hello: closed with 1012 on shutdown
	raws    map[*hijackRecorder]struct{} // every accepted connection: cut if it lingers
	closing bool
	wg      sync.WaitGroup
}

// New returns a Handler.
func New(cfg Config, svc *chat.Service, h *hub.Hub, log *slog.Logger) *Handler {
	cfg.defaults()
	logs := map[string]*slog.Logger{"visitor": log.With("endpoint", "visitor"), "agent": log.With("endpoint", "agent")}
	return &Handler{cfg: cfg, chat: svc, store: svc.Store(), hub: h, log: log, logs: logs,
		sockets: make(map[*socket]struct{}), raws: make(map[*hijackRecorder]struct{})}
}

// endpointLog is the logger for an endpoint's sockets.
func (h *Handler) endpointLog(endpoint string) *slog.Logger {
	if l, ok := h.logs[endpoint]; ok {
		return l
	}
	return h.log.With("endpoint", endpoint)
}

// Metrics returns the handler's counters.
func (h *Handler) Metrics() *Metrics { return &h.metrics }

// accept upgrades the request, or refuses it while shutting down. The
// caller must call release when the connection has ended.
func (h *Handler) accept(w http.ResponseWriter, r *http.Request, d protocol.Dialect) (*websocket.Conn, *hijackRecorder, bool) {
	raw := &hijackRecorder{ResponseWriter: w}
	h.mu.Lock()
	closing := h.closing
	if !closing {
		h.wg.Add(1)
		h.raws[raw] = struct{}{}
	}
	h.mu.Unlock()
	if closing {
		http.Error(w, "server is restarting", http.StatusServiceUnavailable)
		return nil, nil, false
	}
	// Origins are checked per endpoint after hello, where the site is known,
	// so that a refusal carries a close code the client understands.
	c, err := websocket.Accept(raw, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		h.release(raw)
		h.log.Debug("ws: upgrade failed", "err", err)
		return nil, nil, false
	}
	raw.hijacked()
	c.SetReadLimit(int64(d.MaxFrame()))
	return c, raw, true
}

// release forgets an accepted connection that has ended.
func (h *Handler) release(raw *hijackRecorder) {
	h.mu.Lock()
	delete(h.raws, raw)
	h.mu.Unlock()
	h.wg.Done()
}

func (h *Handler) register(s *socket) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closing {
		return false
	}
	h.sockets[s] = struct{}{}
	h.metrics.open.Add(1)
	return true
}

// unregister forgets s and drops its subscriptions; it is idempotent.
func (h *Handler) unregister(s *socket) {
	h.hub.Unsubscribe(s, s.topics...)
	h.mu.Lock()
	_, ok := h.sockets[s]
	delete(h.sockets, s)
	h.mu.Unlock()
	if ok {
		h.metrics.open.Add(-1)
	}
}

// Shutdown refuses new sockets, closes the open ones with 1012 so clients
// reconnect elsewhere or after the restart, and waits for them to finish
// until ctx ends. Clients get a short window to answer the close
// handshake; sockets whose peer does not answer are then cut, so one
// unresponsive client cannot hold the whole node past its grace period.
func (h *Handler) Shutdown(ctx context.Context) error {
	h.mu.Lock()
	h.closing = true
	open := make([]*socket, 0, len(h.sockets))
	for s := range h.sockets {
		open = append(open, s)
	}
	raws := make([]*hijackRecorder, 0, len(h.raws))
	for r := range h.raws {
		raws = append(raws, r)
	}
	h.mu.Unlock()
	for _, s := range open {
		go s.close(protocol.CloseRestart, "service restart")
	}
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	handshake := time.NewTimer(closeHandshakeWindow)
	defer handshake.Stop()
	select {
	case <-done:
		return nil
	case <-handshake.C:
		for _, r := range raws {
			r.cut()
		}
	case <-ctx.Done():
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// closeHandshakeWindow is how long shutdown waits for clients to answer
// the 1012 close frame before cutting their connections.
const closeHandshakeWindow = 1500 * time.Millisecond

// Open returns how many sockets are connected.
func (h *Handler) Open() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sockets)
}
