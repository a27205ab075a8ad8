package conn

import (
	"testing"
	"time"
)

func TestBackoffBounds(t *testing.T) {
	lo, hi := 250*time.Millisecond, 10*time.Second
	for n := 1; n <= 70; n++ {
		ceil := hi
		if n < 6 { // 250ms·2⁶ > 10s
			ceil = lo << n
		}
		var top time.Duration
		for range 200 {
			d := Backoff(n, lo, hi)
			if d < lo || d > ceil {
				t.Fatalf("Backoff(%d) = %v, want within [%v, %v]", n, d, lo, ceil)
			}
			top = max(top, d)
		}
		if top < lo+(ceil-lo)/2 {
			t.Errorf("Backoff(%d) never went past %v of [%v, %v]: not jittered", n, top, lo, ceil)
		}
	}
	if d := Backoff(3, time.Second, time.Second); d != time.Second {
		t.Errorf("backoff with min = max = 1s gave %v", d)
	}
}
