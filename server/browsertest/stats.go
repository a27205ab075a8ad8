package browsertest

import (
	"os"
	"slices"
	"strconv"
)

// BenchRounds is how many times a browser benchmark measures each figure;
// it reports the medians. PARLEY_BENCH_ROUNDS overrides the default of 3.
func BenchRounds() int {
	if n, err := strconv.Atoi(os.Getenv("PARLEY_BENCH_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// Median is the median of xs (0 for none).
func Median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Rounded rounds measurements to whole numbers for logging.
func Rounded(xs []float64) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x + 0.5)
	}
	return out
}
