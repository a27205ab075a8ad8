// Package suite is `parley bench suite`, the load runs of `make bench`:
// every scenario of the performance budget (idle sockets, two nodes
// through Redis, the maximum sustained rate, a reconnect storm) is run
// first on the bare-stack relay (server/bench/relay) and then on Parley,
// back to back on the same machine, and printed as one table with the
// baseline, Parley's figure, their ratio and the budget. It starts its own
// redis-server and its nodes as child processes of the parley binary, and
// kills them all when it returns.
package suite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/parley-chat/parley/server/internal/pgschema"
)

// Scenario names, as --only takes them.
const (
	Idle  = "idle"
	Cross = "cross"
	Rate  = "rate"
	Storm = "storm"
)

// Scenarios lists every scenario in the order they run.
var Scenarios = []string{Idle, Cross, Rate, Storm}

// Config sizes a suite run.
type Config struct {
	Exe         string   // the parley binary nodes are started from
	Only        []string // scenarios to run; empty runs all
	DatabaseURL string   // PostgreSQL for the two-node scenario (a throwaway schema is made in it)

	IdleSockets   int           // a: sockets held on one node (clamped to the open-files limit)
	Pairs         int           // b: relay sender/receiver pairs, Parley visitors (at least; see pairsFor)
	RatePairs     int           // c: the same, for the rate steps
	Agents        int           // b, c: Parley agents
	CrossRate     float64       // b: messages per second through the system
	CrossDuration time.Duration // b
	Steps         []float64     // c: target rates tried in turn
	StepDuration  time.Duration // c
	StormClients  int           // d
	Timeout       time.Duration // bounds connecting and settling in each run

	Logf func(format string, args ...any)
}

func (c *Config) validate() error {
	for _, s := range c.Only {
		if !slices.Contains(Scenarios, s) {
			return fmt.Errorf("suite: unknown scenario %q (want %v)", s, Scenarios)
		}
	}
	switch {
	case c.Exe == "":
		return errors.New("suite: no parley binary")
	case c.IdleSockets < 20 || c.Pairs < 1 || c.RatePairs < 1 || c.Agents < 1 || c.StormClients < 1:
		return errors.New("suite: need ≥ 20 idle sockets, ≥ 1 pair, agent and storm client")
	case c.CrossRate <= 0 || c.CrossDuration <= 0 || len(c.Steps) == 0 || c.StepDuration <= 0:
		return errors.New("suite: rates and durations must be positive")
	}
	if c.Timeout <= 0 {
		c.Timeout = time.Minute
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	return nil
}

func (c *Config) runs(scenario string) bool {
	return len(c.Only) == 0 || slices.Contains(c.Only, scenario)
}

// suite is one run's state.
type suite struct {
	cfg      Config
	dir      string // SQLite files and redis-server's directory
	procs    procs
	redisURL string
	cleanups []func()
	seq      int
	res      *Results
	// usedPostgres: a scenario has written to PostgreSQL (see settle).
	usedPostgres bool
}

// Run runs the chosen scenarios. The error is for a suite that could not
// start; failed runs and lost messages are in the results (Results.OK).
func Run(ctx context.Context, cfg Config) (*Results, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "parley-bench-")
	if err != nil {
		return nil, fmt.Errorf("suite: %w", err)
	}
	s := &suite{cfg: cfg, dir: dir, res: &Results{Started: time.Now()}}
	defer s.close()
	s.res.note("machine: %d CPUs (nodes, clients and Redis share them); %s.", runtime.NumCPU(), fdLimitText())
	s.res.note("b, c: Parley's visitor sockets may send 10 frames a second, so pairs are added as the rate grows to "+
		"keep each visitor at ≤ %d msg/s; the relay gets as many pairs.", visitorRate)
	if cfg.runs(Cross) {
		if s.redisURL, err = s.startRedis(ctx); err != nil {
			return nil, err
		}
	}
	for _, sc := range []struct {
		name string
		run  func(context.Context)
	}{{Idle, s.idle}, {Cross, s.cross}, {Rate, s.rate}, {Storm, s.storm}} {
		if cfg.runs(sc.name) && ctx.Err() == nil {
			sc.run(ctx)
			s.settle(ctx)
		}
	}
	if err := ctx.Err(); err != nil {
		return s.res, fmt.Errorf("suite: interrupted: %w", err)
	}
	return s.res, nil
}

// settle lets the disk go quiet after a scenario, so that its writing
// does not land in the next one's measurements: PostgreSQL writes out
// what the cross scenario left in its buffers, and the kernel writes out
// the page cache (SQLite's WAL files). A rate scenario run after the cross
// scenario reached 5,856 msg/s where it reached 6,830 on its own.
func (s *suite) settle(ctx context.Context) {
	if s.usedPostgres {
		if err := pgschema.Checkpoint(ctx, s.cfg.DatabaseURL); err != nil {
			s.cfg.Logf("settle: %v (PostgreSQL will write its buffers out later)", err)
		}
	}
	flushDisks()
}

// close kills every child, then drops schemas and removes the directory.
func (s *suite) close() {
	s.procs.killAll()
	for _, f := range slices.Backward(s.cleanups) {
		f()
	}
	_ = os.RemoveAll(s.dir)
}

// visitorRate is the most messages a second one Parley visitor is asked
// to send: visitor sockets may send 10 frames a second (server/ws), and
// faster visitors are refused with rate_limited, not measured.
const visitorRate = 5

// pairsFor is how many pairs (visitors) carry rate messages a second of
// which visitors send half; never fewer than least.
func pairsFor(rate float64, least int) int {
	return max(least, int(math.Ceil(rate/2/visitorRate)))
}

// stop kills nodes a scenario is done with.
func stop(ps ...*proc) {
	for _, p := range ps {
		if p != nil {
			p.kill()
		}
	}
}
