// Package relayload drives the bare-stack relay (server/bench/relay) the
// way server/loadgen drives Parley, so that `parley bench suite` can put
// the two side by side: sender/receiver pairs at a total target rate with
// the send time inside each payload, extra idle sockets, resident memory
// per connection from each node's /metrics, latency percentiles, the rate
// achieved and what was lost. Storm holds sockets through a node restart
// and times their return.
package relayload

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/parley-chat/parley/server/loadgen"
)

// Config describes a run.
type Config struct {
	// URLs are the relay nodes (ws:// or http://). With two or more,
	// senders sit on the first and receivers on the last, so every message
	// crosses nodes (as visitors on node A and agents on node B); idle
	// sockets are spread round-robin.
	URLs     []string
	Pairs    int     // sender/receiver pairs
	Idle     int     // extra sockets that only connect
	Rate     float64 // messages per second, in total
	Duration time.Duration
	// Timeout bounds connecting and settling (default 60s).
	Timeout time.Duration
	// Logf, when set, receives progress lines.
	Logf func(format string, args ...any)
}

func (c *Config) validate() error {
	switch {
	case len(c.URLs) == 0:
		return errors.New("relayload: no node URL")
	case c.Pairs < 1 || c.Idle < 0:
		return errors.New("relayload: need at least one pair, and idle ≥ 0")
	case c.Rate <= 0 || c.Duration <= 0:
		return errors.New("relayload: rate and duration must be positive")
	}
	if c.Timeout <= 0 {
		c.Timeout = time.Minute
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	return nil
}

// node is one relay the run talks to.
type node struct{ ws, http string }

func parseNodes(urls []string) ([]node, error) {
	out := make([]node, len(urls))
	for i, u := range urls {
		ws, h, err := loadgen.SplitURL(u)
		if err != nil {
			return nil, fmt.Errorf("relayload: %w", err)
		}
		out[i] = node{ws: ws, http: h}
	}
	return out, nil
}

// Run performs one run and reports on it. The error is for runs that could
// not be carried out; losses are in the report (Report.OK).
func Run(ctx context.Context, cfg Config) (Report, error) {
	if err := cfg.validate(); err != nil {
		return Report{}, err
	}
	nodes, err := parseNodes(cfg.URLs)
	if err != nil {
		return Report{}, err
	}
	hc := httpClient()
	before, err := scrapeAll(ctx, hc, nodes)
	if err != nil {
		return Report{}, err
	}
	f := newFleet(ctx, cfg, nodes)
	defer f.stop()
	cfg.Logf("relay: connecting %d pairs and %d idle sockets", cfg.Pairs, cfg.Idle)
	if err := waitOnline(ctx, f.clients, cfg.Timeout); err != nil {
		return Report{}, err
	}
	held, err := scrapeCounted(ctx, hc, nodes, f.perNode)
	if err != nil {
		return Report{}, err
	}
	cfg.Logf("relay: all connected; sending %.0f msg/s for %v", cfg.Rate, cfg.Duration)
	start := time.Now()
	f.send(ctx)
	settled := f.settle(ctx)
	after, err := scrapeAll(ctx, hc, nodes)
	if err != nil {
		return Report{}, err
	}
	f.stop()
	return f.report(start, settled, before, held, after), nil
}

func scrapeAll(ctx context.Context, hc *http.Client, nodes []node) ([]loadgen.Memory, error) {
	out := make([]loadgen.Memory, len(nodes))
	for i, n := range nodes {
		m, err := loadgen.Scrape(ctx, hc, n.http)
		if err != nil {
			return nil, fmt.Errorf("relayload: %w", err)
		}
		out[i] = m
	}
	return out, nil
}

// scrapeCounted scrapes every node once each counts the sockets want says
// it holds: a client is online when its dial returns, a moment before the
// node has registered the socket. After a few seconds it takes what the
// nodes say.
func scrapeCounted(ctx context.Context, hc *http.Client, nodes []node, want []int) ([]loadgen.Memory, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		m, err := scrapeAll(ctx, hc, nodes)
		if err != nil || counted(m, want) || time.Now().After(deadline) || !sleep(ctx, 20*time.Millisecond) {
			return m, err
		}
	}
}

func counted(m []loadgen.Memory, want []int) bool {
	for i := range m {
		if m[i].Sockets < float64(want[i]) {
			return false
		}
	}
	return true
}

// waitOnline waits until every client has a session up.
func waitOnline(ctx context.Context, clients []*client, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		var offline []*client
		for _, c := range clients {
			if !c.online.Load() {
				offline = append(offline, c)
			}
		}
		if len(offline) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("relayload: %d of %d sockets not online after %v (last error: %v)",
				len(offline), len(clients), timeout, offline[0].lastError())
		}
		if !sleep(ctx, 50*time.Millisecond) {
			return fmt.Errorf("relayload: connect: %w", ctx.Err())
		}
	}
}

// startClients runs every client until ctx ends; wg waits for them.
func startClients(ctx context.Context, wg *sync.WaitGroup, clients []*client) {
	for _, c := range clients {
		wg.Go(func() { c.run(ctx) })
	}
}

// runID tells this run's socket ids from any earlier run's.
func runID() string { return "r" + strconv.FormatInt(time.Now().UnixNano(), 36) }

func httpClient() *http.Client { return &http.Client{Timeout: 10 * time.Second} }
