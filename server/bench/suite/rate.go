package suite

import (
	"context"
	"fmt"

	"github.com/parley-chat/parley/server/bench/relayload"
	"github.com/parley-chat/parley/server/loadgen"
)

// sustained is the share of a step's target a run must achieve to pass.
const sustained = 0.95

// rate (c): the highest rate one node sustains, stepping the target up
// until a step falls short of 95% or loses messages: the relay delivering
// in-process, Parley persisting to SQLite and delivering.
func (s *suite) rate(ctx context.Context) {
	var base, parley *float64
	if p, err := s.startRelay(ctx, ""); err != nil {
		s.startFailed(Rate, "relay", err)
	} else {
		base = s.climb(ctx, "relay", func(step float64, label string) (float64, bool) {
			r, ok := s.relayRun(ctx, Rate, label, relayload.Config{URLs: []string{p.url()}, Pairs: pairsFor(step, s.cfg.RatePairs),
				Rate: step, Duration: s.cfg.StepDuration})
			return r.Latency.PerSecond, ok && r.OK()
		})
		stop(p)
	}
	db := s.sqliteURL("rate")
	if p, err := s.startParley(ctx, db, ""); err != nil {
		s.startFailed(Rate, "parley", err)
	} else {
		parley = s.climb(ctx, "parley", func(step float64, label string) (float64, bool) {
			r, ok := s.parleyRun(ctx, Rate, label, db, loadgen.Config{URLs: []string{p.url()}, Visitors: pairsFor(step, s.cfg.RatePairs),
				Agents: s.cfg.Agents, Rate: step / 2, Duration: s.cfg.StepDuration})
			return r.VisitorToAgent.PerSecond + r.AgentToVisitor.PerSecond, ok && r.OK()
		})
		stop(p)
	}
	s.res.row("c. max sustained rate, one node", "messages per second", "msg/s", base, parley, atLeast(10000, "≥ 10,000/s"),
		fmt.Sprintf("highest step achieved within %.0f%%", 100*sustained))
	s.res.note("c: Parley's messages are counted persisted (SQLite) and delivered: visitor messages plus agent replies, "+
		"visitors sending half of each step; the relay's are sends delivered in-process, nothing persisted. "+
		"Steps: %v msg/s, %v each.", s.cfg.Steps, s.cfg.StepDuration)
}

// climb tries each step in turn and returns the rate achieved at the last
// step that reached 95% of its target with nothing lost. When none did, it
// returns what the first step achieved and notes it.
func (s *suite) climb(ctx context.Context, system string, try func(step float64, label string) (float64, bool)) *float64 {
	var best, first *float64
	passed := 0
	for _, step := range s.cfg.Steps {
		if ctx.Err() != nil {
			break
		}
		got, ok := try(step, fmt.Sprintf("step %.0f msg/s, %d pairs", step, pairsFor(step, s.cfg.RatePairs)))
		s.cfg.Logf("rate: %s at %.0f msg/s achieved %.0f msg/s (delivery ok: %v)", system, step, got, ok)
		if first == nil {
			first = ptr(got)
		}
		if !ok || got < sustained*step {
			break
		}
		best = ptr(got)
		passed++
	}
	if passed == len(s.cfg.Steps) {
		s.res.note("c: %s passed the top step; it may sustain more.", system)
	}
	if best == nil && first != nil {
		s.res.note("c: %s reached no step; its figure is what the first step (%.0f msg/s) achieved.", system, s.cfg.Steps[0])
		return first
	}
	return best
}
