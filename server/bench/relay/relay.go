// Package relay is the bare-stack baseline Parley's benchmarks compare
// against: coder/websocket + chi + go-redis and nothing else. No
// persistence, no protocol beyond "<target id> <payload>" text frames, no
// writer goroutine: the HTTP handler returns right after Accept and one
// goroutine per socket reads, and deliveries write directly under a
// per-socket mutex. With a Redis URL every frame goes through one pub/sub
// channel that every relay node subscribes to; without, delivery is
// in-process.
package relay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"
)

// Channel is the Redis pub/sub channel every relay node shares.
const Channel = "parley-relay"

// writeTimeout bounds one delivery: a socket that cannot take a frame in
// this time is closed, as Parley closes slow consumers.
const writeTimeout = 2 * time.Second

// Options configures a relay node.
type Options struct {
	RedisURL string // empty: deliver in-process only
	Log      *slog.Logger
}

// Relay is one relay node.
type Relay struct {
	log    *slog.Logger
	rdb    *redis.Client // nil without Redis
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu    sync.RWMutex
	socks map[string]*socket // by client id

	open          atomic.Int64
	relayed       atomic.Int64 // frames received from clients
	delivered     atomic.Int64 // payloads written to a local socket
	undeliverable atomic.Int64 // payloads whose target was on no node's socket here
}

// New starts a relay node; with a Redis URL it subscribes before returning.
func New(ctx context.Context, opts Options) (*Relay, error) {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	r := &Relay{log: opts.Log, ctx: ctx, cancel: cancel, socks: make(map[string]*socket)}
	if opts.RedisURL == "" {
		return r, nil
	}
	o, err := redis.ParseURL(opts.RedisURL)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("relay: redis URL: %w", err)
	}
	r.rdb = redis.NewClient(o)
	if err := r.subscribe(ctx); err != nil {
		cancel()
		_ = r.rdb.Close()
		return nil, err
	}
	return r, nil
}

// subscribe receives every node's frames and delivers those whose target
// has a socket here.
func (r *Relay) subscribe(ctx context.Context) error {
	ps := r.rdb.Subscribe(ctx, Channel)
	if _, err := ps.Receive(ctx); err != nil {
		_ = ps.Close()
		return fmt.Errorf("relay: subscribe: %w", err)
	}
	ch := ps.Channel(redis.WithChannelSize(4096))
	r.wg.Go(func() {
		defer ps.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case m, ok := <-ch:
				if !ok {
					return
				}
				r.deliver([]byte(m.Payload))
			}
		}
	})
	return nil
}

// Handler serves GET /ws?id=… and GET /metrics.
func (r *Relay) Handler() http.Handler {
	m := chi.NewRouter()
	m.Get("/ws", r.accept)
	m.Get("/metrics", r.metrics)
	return m
}

// route sends one client frame on: through Redis, or straight to the local
// socket.
func (r *Relay) route(ctx context.Context, frame []byte) {
	r.relayed.Add(1)
	if r.rdb == nil {
		r.deliver(frame)
		return
	}
	if err := r.rdb.Publish(ctx, Channel, frame).Err(); err != nil {
		r.log.Warn("relay: publish", "err", err)
	}
}

// Close closes every socket and the Redis client and waits for the
// subscriber.
func (r *Relay) Close() error {
	r.cancel()
	r.mu.Lock()
	for _, s := range r.socks {
		_ = s.c.CloseNow()
	}
	r.mu.Unlock()
	var err error
	if r.rdb != nil {
		err = r.rdb.Close()
	}
	r.wg.Wait()
	return err
}

// ListenAndServe serves on addr until ctx is done, then closes the relay.
func ListenAndServe(ctx context.Context, addr string, opts Options) error {
	r, err := New(ctx, opts)
	if err != nil {
		return err
	}
	defer r.Close()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	srv := &http.Server{Handler: r.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = srv.Close() }()
	opts.Log.Info("relay listening", "addr", l.Addr().String(), "redis", opts.RedisURL != "")
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("relay: %w", err)
	}
	return nil
}
