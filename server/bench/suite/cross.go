package suite

import (
	"context"
	"fmt"

	"github.com/parley-chat/parley/server/bench/relayload"
	"github.com/parley-chat/parley/server/loadgen"
)

// cross (b): two nodes through the same Redis at CrossRate messages a
// second: relay pairs across two relay nodes, and Parley's visitors and
// agents across two Parley nodes sharing one PostgreSQL schema.
func (s *suite) cross(ctx context.Context) {
	rate, label := s.cfg.CrossRate, fmt.Sprintf("%.0f msg/s, 2 nodes via Redis", s.cfg.CrossRate)
	pairs := pairsFor(rate, s.cfg.Pairs)
	var base, parley *loadgen.Latency
	var baseLost, parleyLost *float64
	if a, b, err := s.twoRelays(ctx); err != nil {
		s.startFailed(Cross, "relay", err)
	} else {
		r, ok := s.relayRun(ctx, Cross, label, relayload.Config{URLs: []string{a.url(), b.url()}, Pairs: pairs,
			Rate: rate, Duration: s.cfg.CrossDuration})
		stop(a, b)
		if ok {
			base, baseLost = &r.Latency, ptr(float64(r.Lost+r.Duplicates))
		}
	}
	if db, a, b, err := s.twoParleys(ctx); err != nil {
		s.startFailed(Cross, "parley", err)
	} else {
		r, ok := s.parleyRun(ctx, Cross, label, db, loadgen.Config{URLs: []string{a.url(), b.url()}, Visitors: pairs,
			Agents: s.cfg.Agents, Rate: rate / 2, Duration: s.cfg.CrossDuration, Split: true})
		stop(a, b)
		if ok {
			d := r.Delivery
			parley, parleyLost = &r.VisitorToAgent, ptr(float64(d.Lost+d.Duplicates+d.Holes))
		}
	}
	sc := fmt.Sprintf("b. 2 nodes via Redis, %.0f msg/s, %d pairs", rate, pairs)
	s.res.row(sc, "latency p50, visitor → agent", "ms", pick(base, p50), pick(parley, p50), atMost(1, "≤ 1 ms"), "")
	s.res.row(sc, "latency p99, visitor → agent", "ms", pick(base, p99), pick(parley, p99), atMost(5, "≤ 5 ms"), "")
	s.res.row(sc, "lost + duplicates + holes", "", baseLost, parleyLost, atMost(0, "0"), "")
	s.res.note("b: the rate counts every message through the system: the relay's sends, Parley's visitor messages " +
		"plus agent replies (visitors send half of it). Relay senders sit on one node and receivers on the other; " +
		"Parley's visitors sit on one node and its agents on the other, so every message crosses nodes. Parley persists to PostgreSQL (a throwaway schema), the relay persists nothing.")
}

func (s *suite) twoRelays(ctx context.Context) (*proc, *proc, error) {
	a, err := s.startRelay(ctx, s.redisURL)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.startRelay(ctx, s.redisURL)
	if err != nil {
		stop(a)
		return nil, nil, err
	}
	return a, b, nil
}

// twoParleys starts two nodes on a fresh PostgreSQL schema, one after the
// other so that the second finds the migrations applied.
func (s *suite) twoParleys(ctx context.Context) (db string, a, b *proc, err error) {
	if db, err = s.postgresSchema(ctx); err != nil {
		return "", nil, nil, err
	}
	if a, err = s.startParley(ctx, db, s.redisURL); err != nil {
		return "", nil, nil, err
	}
	if b, err = s.startParley(ctx, db, s.redisURL); err != nil {
		stop(a)
		return "", nil, nil, err
	}
	return db, a, b, nil
}

func p50(l *loadgen.Latency) float64 { return l.P50 }
func p99(l *loadgen.Latency) float64 { return l.P99 }

// pick is f of l, or not measured when l is nil.
func pick(l *loadgen.Latency, f func(*loadgen.Latency) float64) *float64 {
	if l == nil {
		return nil
	}
	return ptr(f(l))
}
