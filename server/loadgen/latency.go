package loadgen

import (
	"math"
	"slices"
	"sync"
	"time"
)

// Recorder keeps every latency sample of one direction. Runs are short and
// samples are 8 bytes, so sorting them all is exact and cheap enough. The
// zero value is ready; it is safe for concurrent use.
type Recorder struct {
	mu      sync.Mutex
	samples []time.Duration
	last    time.Time // when the latest sample was taken
}

// Add records one sample; a negative one counts as zero.
func (r *Recorder) Add(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.samples = append(r.samples, max(d, 0))
	r.last = time.Now()
}

// Latency summarises one direction of a run, in milliseconds.
type Latency struct {
	Count     int     `json:"count"`
	P50       float64 `json:"p50_ms"`
	P90       float64 `json:"p90_ms"`
	P99       float64 `json:"p99_ms"`
	P999      float64 `json:"p999_ms"`
	Max       float64 `json:"max_ms"`
	PerSecond float64 `json:"per_second"` // messages delivered per second, from the first send to the last delivery
}

// Summary returns the percentiles and the rate achieved since start.
func (r *Recorder) Summary(start time.Time) Latency {
	r.mu.Lock()
	s := slices.Clone(r.samples)
	last := r.last
	r.mu.Unlock()
	if len(s) == 0 {
		return Latency{}
	}
	slices.Sort(s)
	l := Latency{Count: len(s), P50: ms(rank(s, 0.50)), P90: ms(rank(s, 0.90)), P99: ms(rank(s, 0.99)),
		P999: ms(rank(s, 0.999)), Max: ms(s[len(s)-1])}
	if span := last.Sub(start); span > 0 {
		l.PerSecond = float64(len(s)) / span.Seconds()
	}
	return l
}

// rank returns the nearest-rank percentile p of sorted samples: the
// smallest sample with at least p of all samples at or below it.
func rank(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
