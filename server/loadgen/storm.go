package loadgen

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/parley-chat/parley/widget/conn"
)

// StormConfig describes a reconnect storm: Clients visitors on one node,
// each with a conversation of one message that Agents agents have seen;
// then the node restarts and every client must come back.
type StormConfig struct {
	URL     string // the node's base URL, ws:// or http://
	SiteKey string // the site visitors open conversations on
	Token   string // an agent API token
	Clients int    // visitors, one conversation each
	Agents  int    // agents that see every conversation (default 1); they resume too

	// Restart stops the node and starts it again on the same address and
	// database. It may return before the new node accepts connections:
	// Storm watches the node's /healthz for that.
	Restart func(ctx context.Context) error

	// MinBackoff and MaxBackoff bound the clients' reconnect backoff. The
	// zero values give the widget's own defaults (conn.DefaultMinBackoff,
	// conn.DefaultMaxBackoff), which is what a browser gets.
	MinBackoff, MaxBackoff time.Duration
	// Timeout bounds each phase: connecting, resuming, settling (default 2m).
	Timeout time.Duration
	// Logf, when set, receives progress lines.
	Logf func(format string, args ...any)
}

func (c *StormConfig) validate() error {
	switch {
	case c.URL == "":
		return errors.New("loadgen: storm: no node URL")
	case c.SiteKey == "" || c.Token == "":
		return errors.New("loadgen: storm: a site key and an agent token are needed")
	case c.Clients < 1 || c.Agents < 0:
		return errors.New("loadgen: storm: need at least one client, and agents ≥ 0")
	case c.Restart == nil:
		return errors.New("loadgen: storm: no Restart function")
	}
	c.Agents = max(c.Agents, 1)
	if c.MinBackoff <= 0 {
		c.MinBackoff = conn.DefaultMinBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = conn.DefaultMaxBackoff
	}
	if c.Timeout <= 0 {
		c.Timeout = 2 * time.Minute
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	return nil
}

// Storm runs a reconnect storm and reports on it. Every client is
// connected and every conversation opened and seen; then Restart is
// called and Storm times how long each client takes to be welcomed again,
// counted from the node going down and from it accepting connections
// again. Once all are back, every visitor sends one more message, and
// when everything has settled the delivery checker runs. The report's
// Storm holds the storm's figures; VisitorToAgent times the messages sent
// after it. The error is for storms that could not be carried out.
func Storm(ctx context.Context, cfg StormConfig) (Report, error) {
	if err := cfg.validate(); err != nil {
		return Report{}, err
	}
	n, err := parseNode(cfg.URL)
	if err != nil {
		return Report{}, err
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	before, err := scrapeAll(ctx, hc, []node{n})
	if err != nil {
		return Report{}, err
	}
	f := newFleet(ctx, Config{URLs: []string{cfg.URL}, SiteKey: cfg.SiteKey, Token: cfg.Token, Visitors: cfg.Clients,
		Agents: cfg.Agents, MinBackoff: cfg.MinBackoff, MaxBackoff: cfg.MaxBackoff, Timeout: cfg.Timeout, Logf: cfg.Logf}, []node{n})
	f.quiet, f.watch = true, newResumeWatch()
	defer f.stop()
	convs, err := f.prepare(ctx)
	if err != nil {
		return Report{}, err
	}
	held, err := scrapeAll(ctx, hc, []node{n})
	if err != nil {
		return Report{}, err
	}
	fig, err := f.storm(ctx, n, cfg.Restart)
	if err != nil {
		return Report{}, err
	}
	if fig.Resumed == 0 {
		return Report{}, fmt.Errorf("loadgen: storm: no client was welcomed again within %v of the restart", cfg.Timeout)
	}
	cfg.Logf("%d of %d clients resumed; every visitor sends one more message", fig.Resumed, fig.Clients)
	start := time.Now()
	for i, v := range f.visitors {
		f.chk.Sent(visitorName(i), v.Send(convs[i], f.body("after the storm")))
	}
	stored, settled := f.settle(ctx, hc, convs, repeat(int64(2), len(convs)))
	after, err := scrapeAll(ctx, hc, []node{n})
	if err != nil {
		return Report{}, err
	}
	f.stop()
	r := f.report(start, stored, settled, memoryRows([]node{n}, f.perNode, before, held, after))
	fig.lateRedials(f.watch)
	r.Storm = &fig
	return r, nil
}

// prepare connects every client, has every visitor open its conversation
// and waits until every agent has seen them all.
func (f *fleet) prepare(ctx context.Context) ([]string, error) {
	f.startAll()
	f.cfg.Logf("connecting %d agents and %d visitors", f.cfg.Agents, f.cfg.Visitors)
	if err := f.waitOnline(ctx, f.cfg.Timeout); err != nil {
		return nil, err
	}
	f.cfg.Logf("all connected; every visitor opens a conversation")
	convs, err := f.open(ctx)
	if err != nil {
		return nil, err
	}
	want := repeat(int64(1), len(convs))
	deadline := time.Now().Add(f.cfg.Timeout)
	for !f.caughtUp(convs, want) {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("loadgen: storm: conversations not seen by every agent after %v", f.cfg.Timeout)
		}
		if !sleep(ctx, 100*time.Millisecond) {
			return nil, fmt.Errorf("loadgen: storm: %w", ctx.Err())
		}
	}
	return convs, nil
}

// open has every visitor open a conversation with one acked message. Its
// body carries no stamp: only the messages after the storm are timed.
func (f *fleet) open(ctx context.Context) ([]string, error) {
	convs, errs := make([]string, len(f.visitors)), make([]error, len(f.visitors))
	var wg sync.WaitGroup
	for i, v := range f.visitors {
		wg.Go(func() {
			name := visitorName(i)
			wctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
			defer cancel()
			ack, err := v.SendWait(wctx, "", "hello before the storm")
			if err != nil {
				errs[i] = fmt.Errorf("loadgen: %s: first message: %w", name, err)
				return
			}
			f.chk.Sent(name, ack.CMID)
			f.chk.Expect(name, ack.Conv)
			for a := range f.cfg.Agents {
				f.chk.Expect(agentName(a), ack.Conv)
			}
			convs[i] = ack.Conv
		})
	}
	wg.Wait()
	return convs, errors.Join(errs...)
}

func repeat[T any](v T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = v
	}
	return out
}
