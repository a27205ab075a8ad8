// Package histogram is a latency histogram for Prometheus' text format:
// fixed exponential buckets, lock-free observations, and the _bucket,
// _sum and _count lines of the exposition format.
package histogram

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultBounds are the upper bounds used by New: 62.5 µs doubling to
// 32.768 s, so that 1 ms falls on a bound and the 20 buckets still tell
// apart the waits of a node swamped by a reconnect storm.
var DefaultBounds = Exponential(62500*time.Nanosecond, 2, 20)

// Exponential returns n bounds: start, start·factor, start·factor², …
func Exponential(start time.Duration, factor float64, n int) []time.Duration {
	out := make([]time.Duration, n)
	b := float64(start)
	for i := range out {
		out[i] = time.Duration(math.Round(b))
		b *= factor
	}
	return out
}

// Histogram counts durations into fixed buckets. Observe is safe for
// concurrent use and takes no lock; a scrape that races observations may
// see a sum a little ahead of or behind the counts, never counts that are
// not cumulative.
type Histogram struct {
	bounds []time.Duration // upper bounds, ascending
	counts []atomic.Uint64 // per bucket, not cumulative; the last is +Inf
	sum    atomic.Int64    // nanoseconds
	labels string          // `k="v"` pairs without braces, or ""
}

// New returns a histogram with the default bounds.
func New() *Histogram { return WithBounds(DefaultBounds) }

// WithBounds returns a histogram with these upper bounds, which must be
// ascending.
func WithBounds(bounds []time.Duration) *Histogram {
	for i := 1; i < len(bounds); i++ {
		if bounds[i] <= bounds[i-1] {
			panic(fmt.Sprintf("histogram: bounds not ascending at %d: %v", i, bounds))
		}
	}
	return &Histogram{bounds: bounds, counts: make([]atomic.Uint64, len(bounds)+1)}
}

// Observe counts one duration; negative ones count as zero.
func (h *Histogram) Observe(d time.Duration) {
	d = max(d, 0)
	h.counts[h.bucket(d)].Add(1)
	h.sum.Add(int64(d))
}

// Since observes the time elapsed since start.
func (h *Histogram) Since(start time.Time) { h.Observe(time.Since(start)) }

// bucket returns the index of the first bound ≥ d (len(bounds): +Inf),
// by binary search: observations are on hot paths.
func (h *Histogram) bucket(d time.Duration) int {
	lo, hi := 0, len(h.bounds)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if h.bounds[mid] < d {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Snapshot is a histogram's state at one moment.
type Snapshot struct {
	Bounds     []time.Duration
	Cumulative []uint64 // per bound, then +Inf (= Count)
	Count      uint64
	Sum        time.Duration
}

// Snapshot reads the counts.
func (h *Histogram) Snapshot() Snapshot {
	s := Snapshot{Bounds: h.bounds, Cumulative: make([]uint64, len(h.counts)), Sum: time.Duration(h.sum.Load())}
	var total uint64
	for i := range h.counts {
		total += h.counts[i].Load()
		s.Cumulative[i] = total
	}
	s.Count = total
	return s
}

// writeSamples writes the _bucket, _sum and _count lines of name.
func (h *Histogram) writeSamples(w io.Writer, name string) error {
	s := h.Snapshot()
	var b strings.Builder
	sep := ""
	if h.labels != "" {
		sep = ","
	}
	for i, c := range s.Cumulative {
		le := "+Inf"
		if i < len(s.Bounds) {
			le = strconv.FormatFloat(s.Bounds[i].Seconds(), 'g', -1, 64)
		}
		fmt.Fprintf(&b, "%s_bucket{%s%sle=\"%s\"} %d\n", name, h.labels, sep, le, c)
	}
	braces := ""
	if h.labels != "" {
		braces = "{" + h.labels + "}"
	}
	fmt.Fprintf(&b, "%s_sum%s %s\n", name, braces, strconv.FormatFloat(s.Sum.Seconds(), 'g', -1, 64))
	fmt.Fprintf(&b, "%s_count%s %d\n", name, braces, s.Count)
	_, err := io.WriteString(w, b.String())
	return err
}
