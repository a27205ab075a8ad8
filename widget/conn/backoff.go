package conn

import (
	"math/rand/v2"
	"time"
)

// Backoff returns the wait before reconnect attempt n (n ≥ 1): a uniformly
// random duration in [min, min(max, min·2ⁿ)], so that clients kicked off
// together (a node restart) do not come back together.
func Backoff(n int, lo, hi time.Duration) time.Duration {
	ceil := hi
	if n < 31 && lo<<n > 0 && lo<<n < hi {
		ceil = lo << n
	}
	if ceil <= lo {
		return lo
	}
	return lo + rand.N(ceil-lo+1)
}
