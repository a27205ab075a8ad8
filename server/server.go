// Package server wires a Parley node together: it is the one place that
// builds the store, bus, hub, domain service and HTTP endpoints and hands
// each its dependencies.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/account"
	"github.com/parley-chat/parley/server/api"
	"github.com/parley-chat/parley/server/bus"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/postgres"
	"github.com/parley-chat/parley/server/store/sqlite"
	"github.com/parley-chat/parley/server/web"
	"github.com/parley-chat/parley/server/ws"
)

// registerStub registers go-app's page route once per process: go-app
// keeps routes in a package-level table.
var registerStub sync.Once

// Server is one Parley node.
type Server struct {
	cfg config.Config
	log *slog.Logger
	// Store is the store as opened; the node's own paths reach it through
	// a decorator that times the hot calls for /metrics.
	Store    store.Store
	bus      bus.Bus
	cluster  *cluster
	hub      *hub.Hub
	Chat     *chat.Service
	WS       *ws.Handler
	web      *web.Handler
	accounts *account.Service
	http     *http.Server
	waker    *waker
	latency  *latencies
}

// New builds a node from cfg. Close releases what it opened.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*Server, error) {
	st, err := OpenStore(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	cl, err := openCluster(cfg, log)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	lat := newLatencies()
	b := &timedBus{Bus: cl.bus, publish: lat.publish.Histogram()}
	h := hub.New(b, log)
	presence := chat.NewPresence(cfg.ReplyTimeS)
	presence.Announce(h)
	if err := cl.sharePresence(presence, h); err != nil {
		_ = cl.close()
		_ = st.Close()
		return nil, err
	}
	timed := timeStore(st, lat.store)
	svc := chat.New(timed, h, log, presence)
	accounts := account.New(timed, svc, append(cl.signInThrottle(log), account.WithConversations(svc), account.WithPresence(presence))...)
	wsh := ws.New(ws.Config{PublicOrigin: cfg.PublicOrigin(), AgentOrigins: cfg.AgentOrigins, SessionAgent: accounts.SessionAgent,
		VisitorSends: cl.limiter("sends", cfg.VisitorRate, cfg.VisitorBurst, log),
		NewVisitors:  cl.limiter("visitors", cfg.NewVisitorRate, cfg.NewVisitorRate, log),
		Delivered:    lat.delivery.Observe}, svc, h, log)
	registerStub.Do(web.RegisterStubRoute)
	wh, err := web.New(timed, presence, cfg.AssetsDir, log)
	if err != nil {
		_ = cl.close()
		_ = st.Close()
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, Store: st, bus: b, cluster: cl, hub: h, Chat: svc, WS: wsh, web: wh, accounts: accounts,
		waker: startWaker(svc, cfg.SnoozeScan), latency: lat}
	s.http = &http.Server{Addr: cfg.Addr, Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	return s, nil
}

// OpenStore opens the store named by a PARLEY_DATABASE_URL.
func OpenStore(ctx context.Context, url string) (store.Store, error) {
	var (
		st  store.Store
		err error
	)
	if path, ok := strings.CutPrefix(url, "sqlite:"); ok {
		st, err = sqlite.Open(ctx, path)
	} else if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		st, err = postgres.Open(ctx, url)
	} else {
		return nil, fmt.Errorf("server: database URL must start with sqlite:, postgres:// or postgresql://")
	}
	if err != nil {
		return nil, fmt.Errorf("server: open store: %w", err)
	}
	return st, nil
}

// Handler returns the node's HTTP routes.
func (s *Server) Handler() http.Handler {
	r := chi.NewRouter()
	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Get("/metrics", s.metrics)
	r.Get("/ws/visitor", s.WS.Visitor)
	r.Get("/ws/agent", s.WS.Agent)
	r.Mount("/api/v1", api.Routes(s.Chat, s.log))
	r.Mount("/api/console", account.Routes(s.accounts, s.log))
	s.web.Routes(r)
	return r
}

// Serve accepts connections on l until ctx ends, then shuts down
// gracefully: stop accepting, close sockets with 1012, drain, return.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(l) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: serve: %w", err)
	case <-ctx.Done():
	}
	return s.Shutdown()
}

// ListenAndServe listens on the configured address and serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context) error {
	l, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	return s.Serve(ctx, l)
}

// Shutdown drains the node within the configured grace period.
func (s *Server) Shutdown() error {
	grace := s.cfg.ShutdownGrace
	if grace <= 0 {
		grace = 15 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	s.log.Info("shutting down", "grace", grace)
	httpErr := s.http.Shutdown(ctx) // stops accepting; hijacked sockets are ours
	wsErr := s.WS.Shutdown(ctx)
	return errors.Join(httpErr, wsErr, s.Close())
}

// Close stops the snooze waker and releases the bus and the store.
func (s *Server) Close() error {
	s.waker.stop()
	return errors.Join(s.cluster.close(), s.Store.Close())
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz answers 200 when the store and the bus are reachable, else 503.
// Details go to the log, not to unauthenticated callers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status, code := map[string]string{"store": "ok", "bus": "ok"}, http.StatusOK
	for name, ping := range map[string]func(context.Context) error{"store": s.Store.Ping, "bus": s.bus.Ping} {
		if err := ping(ctx); err != nil {
			s.log.Warn("not ready", "part", name, "err", err)
			status[name], code = "unavailable", http.StatusServiceUnavailable
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(status)
}
