package relay

import (
	"fmt"
	"io"
	"net/http"

	"github.com/parley-chat/parley/server/internal/procstat"
)

// metrics serves GET /metrics in Prometheus' text format, with the socket
// and memory gauges under the names Parley's nodes use, so that the same
// scrapers read both.
func (r *Relay) metrics(w http.ResponseWriter, req *http.Request) {
	procstat.CollectIfAsked(req)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	gauge(w, "parley_sockets_open", "WebSocket connections open on this node.", float64(r.open.Load()))
	gauge(w, "parley_go_heap_bytes", "Live heap bytes, as marked by the last garbage collection.", float64(procstat.LiveHeapBytes()))
	if rss, err := procstat.ResidentBytes(); err == nil {
		gauge(w, "parley_process_resident_bytes", "Resident memory of this process.", float64(rss))
	}
	counter(w, "parley_relay_frames_in_total", "Frames received from clients.", r.relayed.Load())
	counter(w, "parley_relay_delivered_total", "Payloads written to a socket of this node.", r.delivered.Load())
	counter(w, "parley_relay_undeliverable_total", "Payloads whose target had no socket on this node.", r.undeliverable.Load())
}

func gauge(w io.Writer, name, help string, v float64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %g\n", name, help, name, name, v)
}

func counter(w io.Writer, name, help string, v int64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
}
