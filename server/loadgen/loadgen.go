// Package loadgen is the load generator behind `parley bench`: visitors
// and agents on the real reconnecting client (widget/conn) spread over one
// or more nodes, visitors sending at a target rate and the agent owning
// each conversation answering every message. It measures latency both
// ways and resident memory per connection, waits for everything to settle
// and runs the delivery checker.
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/parley-chat/parley/server/internal/pace"
)

// Config describes a run.
type Config struct {
	URLs     []string // node base URLs, ws:// or http://; clients are spread over them round-robin
	SiteKey  string   // the site visitors open conversations on
	Token    string   // an agent API token: agents sign in with it and REST reads the store with it
	Visitors int      // visitors that converse
	Agents   int      // agent connections that answer
	Idle     int      // extra visitor sockets that only say hello
	Rate     float64  // visitor messages per second, in total
	Duration time.Duration
	// Split puts every visitor on the first node and every agent on the
	// last, so that with two nodes every message crosses between them;
	// otherwise clients are spread round-robin.
	Split bool

	// MinBackoff and MaxBackoff bound the clients' reconnect backoff
	// (default 50ms and 1s).
	MinBackoff, MaxBackoff time.Duration
	// Timeout bounds connecting and settling (default 60s).
	Timeout time.Duration
	// Logf, when set, receives progress lines.
	Logf func(format string, args ...any)
}

func (c *Config) validate() error {
	switch {
	case len(c.URLs) == 0:
		return errors.New("loadgen: no node URL")
	case c.SiteKey == "" || c.Token == "":
		return errors.New("loadgen: a site key and an agent token are needed")
	case c.Visitors < 1 || c.Agents < 1 || c.Idle < 0:
		return errors.New("loadgen: need at least one visitor and one agent, and idle ≥ 0")
	case c.Rate <= 0 || c.Duration <= 0:
		return errors.New("loadgen: rate and duration must be positive")
	}
	if c.Timeout <= 0 {
		c.Timeout = time.Minute
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = 50 * time.Millisecond
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = time.Second
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	return nil
}

// Run performs one run and reports on it. The error is for runs that could
// not be carried out; delivery problems are in the report (Report.OK).
func Run(ctx context.Context, cfg Config) (Report, error) {
	if err := cfg.validate(); err != nil {
		return Report{}, err
	}
	nodes := make([]node, len(cfg.URLs))
	for i, u := range cfg.URLs {
		n, err := parseNode(u)
		if err != nil {
			return Report{}, err
		}
		nodes[i] = n
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	before, err := scrapeAll(ctx, hc, nodes)
	if err != nil {
		return Report{}, err
	}
	f := newFleet(ctx, cfg, nodes)
	defer f.stop()
	f.startAll()
	cfg.Logf("connecting %d agents, %d visitors and %d idle visitors", cfg.Agents, cfg.Visitors, cfg.Idle)
	if err := f.waitOnline(ctx, cfg.Timeout); err != nil {
		return Report{}, err
	}
	held, err := scrapeAll(ctx, hc, nodes)
	if err != nil {
		return Report{}, err
	}
	cfg.Logf("all connected; sending %.0f msg/s for %v", cfg.Rate, cfg.Duration)
	start := time.Now()
	convs, want, err := f.converse(ctx)
	if err != nil {
		return Report{}, err
	}
	cfg.Logf("sent; waiting for every message to settle")
	stored, settled := f.settle(ctx, hc, convs, want)
	after, err := scrapeAll(ctx, hc, nodes)
	if err != nil {
		return Report{}, err
	}
	f.stop()
	return f.report(start, stored, settled, memoryRows(nodes, f.perNode, before, held, after)), nil
}

func scrapeAll(ctx context.Context, hc *http.Client, nodes []node) ([]Memory, error) {
	out := make([]Memory, len(nodes))
	for i, n := range nodes {
		m, err := n.scrape(ctx, hc)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}

// converse has every visitor open a conversation and then send at its
// share of the rate until the duration is over. It returns each visitor's
// conversation and how many messages it should end up holding.
func (f *fleet) converse(ctx context.Context) ([]string, []int64, error) {
	n := len(f.visitors)
	convs, sent, errs := make([]string, n), make([]int64, n), make([]error, n)
	interval := time.Duration(float64(time.Second) * float64(n) / f.cfg.Rate)
	end := time.Now().Add(f.cfg.Duration)
	var wg sync.WaitGroup
	for i := range f.visitors {
		wg.Go(func() { convs[i], sent[i], errs[i] = f.visit(ctx, i, interval, end) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	want := make([]int64, n)
	for i := range sent {
		want[i] = 2 * sent[i] // every visitor message gets one reply
	}
	return convs, want, nil
}

// visit is one visitor's part of converse.
func (f *fleet) visit(ctx context.Context, i int, interval time.Duration, end time.Time) (string, int64, error) {
	name, v := visitorName(i), f.visitors[i]
	sleep(ctx, rand.N(interval)+1) // spread the visitors over the interval
	sched := pace.Schedule{Start: time.Now(), Interval: interval, End: end}
	wctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	ack, err := v.SendWait(wctx, "", f.body("hello"))
	cancel()
	if err != nil {
		return "", 0, fmt.Errorf("loadgen: %s: first message: %w", name, err)
	}
	f.chk.Sent(name, ack.CMID)
	f.chk.Expect(name, ack.Conv)
	for a := range f.cfg.Agents {
		f.chk.Expect(agentName(a), ack.Conv)
	}
	sent := sched.Run(ctx, 1, func() { f.chk.Sent(name, v.Send(ack.Conv, f.body("message"))) })
	return ack.Conv, sent, nil
}
