package loadgen

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// StormFigures is what a reconnect storm measured.
type StormFigures struct {
	Clients  int     `json:"clients"`   // visitors and agents that had to resume
	Resumed  int     `json:"resumed"`   // of them, welcomed again within the timeout
	RestartS float64 `json:"restart_s"` // how long the Restart call took
	OutageS  float64 `json:"outage_s"`  // from the node going down to it accepting connections again
	// FromAccepting counts each client's resume from the moment the node
	// accepted connections again; FromDown from the moment it went down.
	FromAccepting Resume `json:"from_accepting"`
	FromDown      Resume `json:"from_down"`
	// DialToWelcome is, per client, the time from the start of the redial
	// that succeeded to its welcome: the node's share of the resume, with
	// the client's backoff waits left out.
	DialToWelcome Spread `json:"dial_to_welcome"`
	// Dials is how many times clients redialed after the restart began:
	// one each at best, more when dials failed.
	Dials int `json:"dials"`
	// Reasons counts why the sessions and the failed dials ended, by kind
	// ("closed 1012 (restart)", "connection refused", "HTTP 503", …).
	Reasons map[string]int `json:"reasons,omitempty"`
	// LateDials and LateReasons are the same for redials once every
	// client had resumed, until the end of the run: clients dropped again
	// while the messages after the storm settled (4008: too slow).
	LateDials   int            `json:"late_dials"`
	LateReasons map[string]int `json:"late_reasons,omitempty"`
}

// lateRedials records the redials w counted since the figures were taken.
func (s *StormFigures) lateRedials(w *resumeWatch) {
	dials, reasons := w.attempts()
	s.LateDials = dials - s.Dials
	for k, n := range reasons {
		if late := n - s.Reasons[k]; late > 0 {
			if s.LateReasons == nil {
				s.LateReasons = map[string]int{}
			}
			s.LateReasons[k] = late
		}
	}
}

// Spread is the distribution of one duration over clients, in seconds.
type Spread struct {
	P50 float64 `json:"p50_s"`
	P99 float64 `json:"p99_s"`
	Max float64 `json:"max_s"`
}

func spread(d []time.Duration) Spread {
	if len(d) == 0 {
		return Spread{}
	}
	slices.Sort(d)
	return Spread{P50: rank(d, 0.5).Seconds(), P99: rank(d, 0.99).Seconds(), Max: d[len(d)-1].Seconds()}
}

// Resume summarises how long clients took to be welcomed again: per
// client (its first welcome after the node went down) and until every
// client was online at once.
type Resume struct {
	Spread
	All float64 `json:"all_online_s"` // 0 when not every client came back
}

// allResumed reports whether every client came back.
func (s *StormFigures) allResumed() bool {
	return s.Resumed == s.Clients && s.FromDown.All > 0
}

// writeStorm writes the storm's rows of the table.
func (s *StormFigures) writeStorm(row func(...any)) {
	row("reconnect storm", "clients", "resumed", "dials", "restart call", "down → accepting")
	row("", s.Clients, s.Resumed, s.Dials, secs(s.RestartS), secs(s.OutageS))
	row("time to resume (s)", "p50", "p99", "max", "all online")
	for _, r := range []struct {
		name string
		Resume
	}{{"from accepting again", s.FromAccepting}, {"from going down", s.FromDown}} {
		all := "never"
		if r.All > 0 {
			all = f3(r.All)
		}
		row(r.name, f3(r.P50), f3(r.P99), f3(r.Max), all)
	}
	d := s.DialToWelcome
	row("redial → welcome (node)", f3(d.P50), f3(d.P99), f3(d.Max))
	if len(s.Reasons) > 0 {
		row("sessions and dials ended by", reasons(s.Reasons))
	}
	if s.LateDials > 0 {
		row("redials after all resumed", s.LateDials, reasons(s.LateReasons))
	}
}

// reasons lists counts by kind, the most frequent first.
func reasons(m map[string]int) string {
	keys := slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b))
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func secs(s float64) string { return fmt.Sprintf("%.2f s", s) }
func f3(v float64) string   { return fmt.Sprintf("%.3f", v) }
