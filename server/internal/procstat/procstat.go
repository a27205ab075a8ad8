// Package procstat reads this process's memory: what /metrics exports so
// that a load generator can work out resident bytes per connection. Parley
// nodes and the bare-stack relay both use it, so their figures compare.
package procstat

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/debug"
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

// CollectIfAsked collects garbage and hands freed memory back to the OS
// when r asks with ?gc=1 over loopback, so that the resident memory a
// scrape then reads is what is live: load generators measure memory per
// socket "after GC" this way. Remote callers cannot make a node pause for
// a collection.
func CollectIfAsked(r *http.Request) {
	if r.URL.Query().Get("gc") == "1" && fromThisMachine(r) {
		debug.FreeOSMemory()
	}
}

// fromThisMachine reports whether r came over loopback, not through a
// proxy that says it forwards someone else's request.
func fromThisMachine(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil || r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
