package histogram

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExponential(t *testing.T) {
	got := Exponential(time.Millisecond, 2, 4)
	want := []time.Duration{time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond, 8 * time.Millisecond}
	if len(got) != len(want) {
		t.Fatalf("Exponential = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Exponential = %v, want %v", got, want)
		}
	}
	if b := DefaultBounds; len(b) != 20 || b[0] != 62500*time.Nanosecond || b[4] != time.Millisecond || b[19] != 32768*time.Millisecond {
		t.Fatalf("DefaultBounds = %v", b)
	}
}

// TestObserve: each duration lands in the first bucket whose bound is at
// or above it; the counts come out cumulative.
func TestObserve(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		d    time.Duration
		want int // bucket index; 3 is +Inf
	}{
		{-ms, 0}, {0, 0}, {ms, 0}, {ms + 1, 1}, {2 * ms, 1}, {3 * ms, 2}, {4 * ms, 2}, {4*ms + 1, 3}, {time.Hour, 3},
	}
	for _, tt := range tests {
		h := WithBounds([]time.Duration{ms, 2 * ms, 4 * ms})
		h.Observe(tt.d)
		s := h.Snapshot()
		for i, c := range s.Cumulative {
			want := uint64(0)
			if i >= tt.want {
				want = 1
			}
			if c != want {
				t.Errorf("Observe(%v): cumulative %v, want the step at %d", tt.d, s.Cumulative, tt.want)
				break
			}
		}
		if s.Count != 1 || s.Sum != max(tt.d, 0) {
			t.Errorf("Observe(%v): count %d sum %v", tt.d, s.Count, s.Sum)
		}
	}
}

func TestWithBoundsPanicsUnsorted(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("unsorted bounds accepted")
		}
	}()
	WithBounds([]time.Duration{2, 1})
}

func TestConcurrentObserve(t *testing.T) {
	h := New()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				h.Observe(time.Duration(g*1000+i) * time.Microsecond)
			}
		})
	}
	wg.Wait()
	if s := h.Snapshot(); s.Count != 8000 || s.Cumulative[len(s.Cumulative)-1] != 8000 {
		t.Fatalf("count %d, +Inf %d", s.Count, s.Cumulative[len(s.Cumulative)-1])
	}
}

func TestWriteTo(t *testing.T) {
	f := NewLabeled("x_seconds", "Time of x.", "op", "a", "b")
	f.With("a").Observe(1500 * time.Microsecond)
	f.With("a").Observe(20 * time.Second)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"# HELP x_seconds Time of x.\n# TYPE x_seconds histogram\n",
		`x_seconds_bucket{op="a",le="6.25e-05"} 0` + "\n",
		`x_seconds_bucket{op="a",le="0.001"} 0` + "\n",
		`x_seconds_bucket{op="a",le="0.002"} 1` + "\n",
		`x_seconds_bucket{op="a",le="16.384"} 1` + "\n",
		`x_seconds_bucket{op="a",le="32.768"} 2` + "\n",
		`x_seconds_bucket{op="a",le="+Inf"} 2` + "\n",
		`x_seconds_sum{op="a"} 20.0015` + "\n",
		`x_seconds_count{op="a"} 2` + "\n",
		`x_seconds_count{op="b"} 0` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "# TYPE") != 1 || strings.Count(out, "_bucket{") != 2*21 {
		t.Errorf("want one header and 21 buckets per label:\n%s", out)
	}
	single := NewFamily("y_seconds", "Time of y.")
	single.Observe(time.Millisecond)
	b.Reset()
	if _, err := single.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `y_seconds_bucket{le="0.001"} 1`) || !strings.Contains(b.String(), "y_seconds_count 1\n") {
		t.Errorf("single histogram:\n%s", b.String())
	}
}

func TestWithUnknownPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("an unknown label value was accepted")
		}
	}()
	NewLabeled("x", "x", "op", "a").With("b")
}

func BenchmarkObserve(b *testing.B) {
	h := New()
	b.RunParallel(func(pb *testing.PB) {
		d := time.Duration(0)
		for pb.Next() {
			d += 7 * time.Microsecond
			h.Observe(d % time.Second)
		}
	})
}
