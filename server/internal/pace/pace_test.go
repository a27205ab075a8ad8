package pace

import (
	"context"
	"testing"
	"time"
)

func TestDue(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	s := Schedule{Start: t0, Interval: 200 * time.Millisecond, End: ms(1000)} // sends at 0, 200, 400, 600, 800
	for _, tc := range []struct {
		now  time.Time
		want int64
	}{
		{ms(-1), 0},
		{ms(0), 1},
		{ms(199), 1},
		{ms(200), 2},
		{ms(799), 4},
		{ms(800), 5},
		{ms(999), 5},
		{ms(1000), 5},
		{ms(5000), 5}, // a sender that wakes long after the end still owes only the schedule
	} {
		if got := s.Due(tc.now); got != tc.want {
			t.Errorf("Due(%v) = %d, want %d", tc.now.Sub(t0), got, tc.want)
		}
	}
	if got := s.Total(); got != 5 {
		t.Errorf("Total = %d, want 5", got)
	}
	for _, tc := range []struct {
		s    Schedule
		want int64
	}{
		{Schedule{Start: t0, Interval: 200 * time.Millisecond, End: ms(1001)}, 6},
		{Schedule{Start: t0, Interval: 200 * time.Millisecond, End: t0}, 0},
		{Schedule{Start: t0, Interval: 0, End: ms(1000)}, 0},
	} {
		if got := tc.s.Total(); got != tc.want {
			t.Errorf("%+v: Total = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestRun(t *testing.T) {
	// A sender that wakes after its schedule ended still makes every send
	// of it, and no more.
	past := time.Now().Add(-time.Second)
	s := Schedule{Start: past, Interval: 100 * time.Millisecond, End: past.Add(500 * time.Millisecond)}
	calls := 0
	if got := s.Run(t.Context(), 1, func() { calls++ }); got != 5 || calls != 4 {
		t.Errorf("Run after the end = %d sends with %d calls, want 5 with 4", got, calls)
	}
	// A sender whose context ends stops with the sends that were due.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	long := Schedule{Start: time.Now(), Interval: time.Hour, End: time.Now().Add(24 * time.Hour)}
	if got := long.Run(ctx, 0, func() {}); got != 1 {
		t.Errorf("Run with an ended context = %d sends, want the 1 due at the start", got)
	}
}
