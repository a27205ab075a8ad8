// Package pace schedules a load generator's sends open loop: one every
// interval from a start time until an end time, whether or not the sender
// kept up. A sender that wakes late (its CPU is shared with the node it
// measures) sends what fell due meanwhile, where a time.Ticker would have
// dropped those ticks and quietly offered less than the target rate.
package pace

import (
	"context"
	"time"
)

// Schedule is one sender's sends: at Start, Start+Interval, … before End.
type Schedule struct {
	Start    time.Time
	Interval time.Duration
	End      time.Time
}

// Due returns how many of the schedule's sends fall at or before now.
func (s Schedule) Due(now time.Time) int64 {
	if now.Before(s.Start) || s.Interval <= 0 {
		return 0
	}
	if !now.Before(s.End) {
		return s.Total()
	}
	return 1 + int64(now.Sub(s.Start)/s.Interval)
}

// Total returns how many sends the schedule has in all.
func (s Schedule) Total() int64 {
	if !s.Start.Before(s.End) || s.Interval <= 0 {
		return 0
	}
	span := s.End.Sub(s.Start)
	return 1 + int64((span-1)/s.Interval)
}

// Over reports whether every send of the schedule is due by now.
func (s Schedule) Over(now time.Time) bool { return !now.Before(s.End) }

// Run makes the schedule's sends after the first done, calling send for
// each as it falls due (and at once for any it woke too late for), until
// the schedule is over or ctx ends. It returns how many sends there were
// in all, done included.
func (s Schedule) Run(ctx context.Context, done int64, send func()) int64 {
	if s.Interval <= 0 {
		return done
	}
	t := time.NewTicker(s.Interval)
	defer t.Stop()
	for {
		for due := s.Due(time.Now()); done < due; done++ {
			send()
		}
		if s.Over(time.Now()) {
			return done
		}
		select {
		case <-ctx.Done():
			return done
		case <-t.C:
		}
	}
}
