package suite

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/parley-chat/parley/server/bench/relayload"
	"github.com/parley-chat/parley/server/loadgen"
)

// relayRun runs relayload and records the run; ok is false when it could
// not be carried out.
func (s *suite) relayRun(ctx context.Context, scenario, label string, cfg relayload.Config) (relayload.Report, bool) {
	cfg.Timeout, cfg.Logf = s.cfg.Timeout, s.cfg.Logf
	r, err := relayload.Run(ctx, cfg)
	run := LoadRun{Scenario: scenario, System: "relay", Label: label, OK: r.OK(), Lost: r.Lost, Duplicates: r.Duplicates, Report: r}
	return r, s.record(run, err, r.WriteTable)
}

// parleyRun provisions an account in the store at databaseURL, runs
// loadgen and records the run with the delivery checker's verdict; ok is
// false when it could not be carried out.
func (s *suite) parleyRun(ctx context.Context, scenario, label, databaseURL string, cfg loadgen.Config) (loadgen.Report, bool) {
	var (
		r   loadgen.Report
		err error
	)
	cfg.Timeout, cfg.Logf = s.cfg.Timeout, s.cfg.Logf
	if cfg.SiteKey, cfg.Token, err = account(ctx, databaseURL); err == nil {
		r, err = loadgen.Run(ctx, cfg)
	}
	d := r.Delivery
	run := LoadRun{Scenario: scenario, System: "parley", Label: label, OK: r.OK(), Lost: int64(d.Lost),
		Duplicates: int64(d.Duplicates), Holes: int64(d.Holes), Report: r}
	if err == nil && !r.Settled {
		run.Error = fmt.Sprintf("not settled within %v (%d unacked)", s.cfg.Timeout, d.Unacked)
	}
	return r, s.record(run, err, r.WriteTable)
}

// record logs a run's own table (or its error) and adds it to the results.
func (s *suite) record(run LoadRun, err error, table func(io.Writer) error) bool {
	if err != nil {
		s.res.failedRun(run.Scenario, run.System, run.Label, err)
		s.cfg.Logf("%s: %s %s: %v", run.Scenario, run.System, run.Label, err)
		return false
	}
	var b bytes.Buffer
	_ = table(&b)
	s.cfg.Logf("%s: %s %s:\n%s", run.Scenario, run.System, run.Label, b.String())
	s.res.run(run)
	return true
}

// startFailed records that a scenario's nodes did not start.
func (s *suite) startFailed(scenario, system string, err error) {
	s.res.failedRun(scenario, system, "start nodes", err)
	s.cfg.Logf("%s: %s: %v", scenario, system, err)
}
