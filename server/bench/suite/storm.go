package suite

import (
	"context"
	"fmt"
	"time"

	"github.com/parley-chat/parley/server/bench/relayload"
	"github.com/parley-chat/parley/server/loadgen"
	"github.com/parley-chat/parley/widget/conn"
)

// storm (d): StormClients sockets on one node, the node killed and
// started again, the time until every client is connected again. Clients
// retry with the widget's own backoff bounds, as browsers would.
func (s *suite) storm(ctx context.Context) {
	n := s.sockets(s.cfg.StormClients, "reconnect storm clients")
	label := fmt.Sprintf("%d clients, node restarted", n)
	var base *float64
	note := "from the kill; node restart included"
	if p, err := s.startRelay(ctx, ""); err != nil {
		s.startFailed(Storm, "relay", err)
	} else {
		r, err := relayload.Storm(ctx, relayload.StormConfig{URL: p.url(), Clients: n, Restart: s.timedRestart(p),
			MinBackoff: conn.DefaultMinBackoff, MaxBackoff: conn.DefaultMaxBackoff, Timeout: s.cfg.Timeout, Logf: s.cfg.Logf})
		stop(p)
		run := LoadRun{Scenario: Storm, System: "relay", Label: label, OK: err == nil && r.OK(), Report: r}
		if err != nil {
			run.Error = err.Error()
		} else {
			base = ptr(r.AllResumedS)
			note += fmt.Sprintf("; the relay's kill and restart took %.2f s", r.RestartS)
			s.cfg.Logf("storm: relay: %+v", r)
		}
		s.res.run(run)
	}
	parley := s.parleyStorm(ctx, n, label)
	s.res.row(fmt.Sprintf("d. reconnect storm, %d clients", n), "time until all resumed", "s", base, parley,
		atMost(5, "≤ 5 s, 0 lost"), note)
	s.res.note("d: clients retry with the widget's own backoff (jittered, from %v doubling up to %v), as a browser "+
		"would; the node is killed with SIGKILL and started again on the same address. The relay's run sends "+
		"no messages, so its lost count is trivially 0.", conn.DefaultMinBackoff, conn.DefaultMaxBackoff)
}

// timedRestart kills p and starts it again on the same address, and logs
// how long the kill and the new start (until the node answers, through
// the storm) took.
func (s *suite) timedRestart(p *proc) func(context.Context) error {
	return func(ctx context.Context) error {
		t0 := time.Now()
		p.kill()
		t1 := time.Now()
		err := p.start(ctx)
		s.cfg.Logf("storm: %s killed in %v, started and answering in %v", p.name, t1.Sub(t0), time.Since(t1))
		return err
	}
}

// parleyStorm runs the storm on a Parley node with SQLite: n visitors,
// each with a conversation, and an agent, through a kill and a restart on
// the same database; then every visitor sends once more and the checker
// runs. It returns the time until all resumed, counted from the kill like
// the relay's.
func (s *suite) parleyStorm(ctx context.Context, n int, label string) *float64 {
	db := s.sqliteURL("storm")
	p, err := s.startParley(ctx, db, "")
	if err != nil {
		s.startFailed(Storm, "parley", err)
		return nil
	}
	defer stop(p)
	cfg := loadgen.StormConfig{URL: p.url(), Clients: n, Agents: 1, Restart: s.timedRestart(p),
		MinBackoff: conn.DefaultMinBackoff, MaxBackoff: conn.DefaultMaxBackoff, Timeout: 2 * s.cfg.Timeout, Logf: s.cfg.Logf}
	var r loadgen.Report
	if cfg.SiteKey, cfg.Token, err = account(ctx, db); err == nil {
		r, err = loadgen.Storm(ctx, cfg)
	}
	d := r.Delivery
	run := LoadRun{Scenario: Storm, System: "parley", Label: label, OK: r.OK(), Lost: int64(d.Lost),
		Duplicates: int64(d.Duplicates), Holes: int64(d.Holes), Report: r}
	if !s.record(run, err, r.WriteTable) || r.Storm == nil || r.Storm.FromDown.All == 0 {
		return nil
	}
	st := r.Storm
	s.res.note("d: Parley's node was down %.2f s (kill to accepting again); all %d clients were online %.2f s after "+
		"it accepted again (per client p50 %.2f s, p99 %.2f s); redial to welcome p50 %.2f s, p99 %.2f s.",
		st.OutageS, st.Clients, st.FromAccepting.All, st.FromAccepting.P50, st.FromAccepting.P99,
		st.DialToWelcome.P50, st.DialToWelcome.P99)
	return ptr(st.FromDown.All)
}
