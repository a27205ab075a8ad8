// Package procstat reads this process's memory: what /metrics exports so
// that a load generator can work out resident bytes per connection. Parley
// nodes and the bare-stack relay both use it, so their figures compare.
package procstat

import (
	"fmt"
	"os"
	rtmetrics "runtime/metrics"
	"strconv"
	"strings"
)

// ResidentBytes reads the resident set size from /proc/self/statm (Linux).
func ResidentBytes() (int64, error) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, fmt.Errorf("procstat: read statm: %w", err)
	}
	fields := strings.Fields(string(b))
	if len(fields) < 2 {
		return 0, fmt.Errorf("procstat: statm %q: too few fields", b)
	}
	pages, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("procstat: statm resident: %w", err)
	}
	return pages * int64(os.Getpagesize()), nil
}

// LiveHeapBytes is the live heap as marked by the last garbage collection.
func LiveHeapBytes() uint64 {
	s := []rtmetrics.Sample{{Name: "/gc/heap/live:bytes"}}
	rtmetrics.Read(s)
	return s[0].Value.Uint64()
}
