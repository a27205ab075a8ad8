package relayload

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// StormConfig describes a reconnect storm.
type StormConfig struct {
	URL     string // the relay node (ws:// or http://)
	Clients int    // sockets held through the restart
	// Restart stops the node and starts it again on the same address,
	// returning once it listens. The caller owns the node.
	Restart func(context.Context) error
	// MinBackoff and MaxBackoff bound the clients' reconnect backoff
	// (default 50ms and 1s, as loadgen's clients).
	MinBackoff, MaxBackoff time.Duration
	// Timeout bounds connecting and resuming (default 60s).
	Timeout time.Duration
	Logf    func(format string, args ...any)
}

// StormReport is what a storm measured.
type StormReport struct {
	Clients  int     `json:"clients"`
	Resumed  int     `json:"resumed"`   // clients connected again by the end
	RestartS float64 `json:"restart_s"` // how long Restart took
	// From the start of Restart (the node going down) until every client
	// had a new session, and the same from Restart's return (0 when all
	// were back before it returned).
	AllResumedS      float64 `json:"all_resumed_s"`
	AfterNodeUpS     float64 `json:"after_node_up_s"`
	SocketsOpenAfter float64 `json:"sockets_open_after"` // as the node counts them
}

// OK reports whether every client came back.
func (r StormReport) OK() bool { return r.Resumed == r.Clients }

// Storm holds cfg.Clients sockets, has the caller restart the node and
// times how long the clients, retrying with widget/conn's jittered
// backoff, take to all be connected again.
func Storm(ctx context.Context, cfg StormConfig) (StormReport, error) {
	if cfg.Clients < 1 || cfg.Restart == nil {
		return StormReport{}, errors.New("relayload: storm needs clients and a restart callback")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = time.Minute
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	cfg.MinBackoff, cfg.MaxBackoff = cmp.Or(cfg.MinBackoff, minBackoff), cmp.Or(cfg.MaxBackoff, maxBackoff)
	nodes, err := parseNodes([]string{cfg.URL})
	if err != nil {
		return StormReport{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	run, slots := runID(), make(chan struct{}, dialSlots)
	clients := make([]*client, cfg.Clients)
	for i := range clients {
		clients[i] = newClient(nodes[0].ws, run+"-c"+strconv.Itoa(i), slots, nil)
		clients[i].lo, clients[i].hi = cfg.MinBackoff, cfg.MaxBackoff
	}
	startClients(ctx, &wg, clients)
	cfg.Logf("relay storm: connecting %d sockets", cfg.Clients)
	if err := waitOnline(ctx, clients, cfg.Timeout); err != nil {
		return StormReport{}, err
	}
	return storm(ctx, cfg, nodes[0], clients)
}

func storm(ctx context.Context, cfg StormConfig, n node, clients []*client) (StormReport, error) {
	cfg.Logf("relay storm: restarting the node")
	// Watch from the kill on: clients may all be back before Restart
	// returns (it waits for the node to answer, through the storm).
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	back := make(chan time.Time, 1)
	go watch(wctx, clients, back)
	down := time.Now()
	if err := cfg.Restart(ctx); err != nil {
		return StormReport{}, fmt.Errorf("relayload: storm: restart: %w", err)
	}
	up := time.Now()
	r := StormReport{Clients: len(clients), RestartS: up.Sub(down).Seconds()}
	select {
	case done := <-back:
		r.Resumed = len(clients)
		r.AllResumedS, r.AfterNodeUpS = done.Sub(down).Seconds(), max(0, done.Sub(up).Seconds())
	case <-time.After(cfg.Timeout):
		r.Resumed = resumed(clients)
		return r, fmt.Errorf("relayload: storm: %d of %d sockets back after %v", r.Resumed, len(clients), cfg.Timeout)
	case <-ctx.Done():
		return r, fmt.Errorf("relayload: storm: %w", ctx.Err())
	}
	m, err := scrapeCounted(ctx, httpClient(), []node{n}, []int{len(clients)})
	if err != nil {
		return r, err
	}
	r.SocketsOpenAfter = m[0].Sockets
	return r, nil
}

// watch sends the time once every client has resumed.
func watch(ctx context.Context, clients []*client, back chan<- time.Time) {
	for resumed(clients) < len(clients) {
		if !sleep(ctx, 5*time.Millisecond) {
			return
		}
	}
	back <- time.Now()
}

// resumed counts the clients online on a session newer than their first.
func resumed(clients []*client) int {
	n := 0
	for _, c := range clients {
		if c.connects.Load() >= 2 && c.online.Load() {
			n++
		}
	}
	return n
}
