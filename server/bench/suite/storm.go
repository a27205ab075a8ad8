package suite

import (
	"context"
	"fmt"

	"github.com/parley-chat/parley/server/bench/relayload"
)

// storm (d): StormClients sockets on one node, the node killed and
// started again, the time until every client is connected again.
func (s *suite) storm(ctx context.Context) {
	n := s.sockets(s.cfg.StormClients, "reconnect storm clients")
	label := fmt.Sprintf("%d clients, node restarted", n)
	var base *float64
	if p, err := s.startRelay(ctx, ""); err != nil {
		s.startFailed(Storm, "relay", err)
	} else {
		r, err := relayload.Storm(ctx, relayload.StormConfig{URL: p.url(), Clients: n, Restart: p.restart,
			Timeout: s.cfg.Timeout, Logf: s.cfg.Logf})
		stop(p)
		run := LoadRun{Scenario: Storm, System: "relay", Label: label, OK: err == nil && r.OK(), Report: r}
		if err != nil {
			run.Error = err.Error()
		} else {
			base = ptr(r.AllResumedS)
			s.cfg.Logf("storm: relay: %+v", r)
		}
		s.res.run(run)
	}
	parley := s.parleyStorm(ctx, n, label)
	s.res.row(fmt.Sprintf("d. reconnect storm, %d clients", n), "time until all resumed", "s", base, parley,
		atMost(5, "≤ 5 s, 0 lost"), "from the kill; node restart included")
}

// parleyStorm is where Parley's side of the storm goes.
//
// TODO(h-storm): loadgen.Config is gaining storm fields and a restart
// callback on branch h-storm. Once it has landed: start a node with
// s.startParley on s.sqliteURL("storm"), run loadgen with n clients and
// Restart: p.restart, record it with s.parleyRun (so that lost, duplicates
// and holes are checked) and return the time until all resumed, measured
// like relayload.StormReport.AllResumedS (from the kill).
func (s *suite) parleyStorm(_ context.Context, _ int, _ string) *float64 {
	s.res.note("d: Parley's reconnect storm is not measured yet: it needs loadgen's storm mode (branch h-storm).")
	return nil
}
