package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/parley-chat/parley/server/internal/procstat"
)

// metric is one sample in Prometheus' text format.
type metric struct {
	name, kind, help string
	value            float64
}

// metrics serves GET /metrics in Prometheus' text format: this node's
// sockets, frames and slow-consumer kicks, its bus (with Redis: whether
// the subscription is up, publishes dropped, reconnects), its store, and
// the latency histograms of store calls, bus publishes and deliveries.
//
// A scrape with ?gc=1 from this machine first collects garbage and hands
// freed memory back to the OS, so that resident memory is what is live:
// the load generator measures memory per socket "after GC" this way.
// Other callers cannot make a node pause for a collection.
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	procstat.CollectIfAsked(r)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	for _, m := range s.samples(r.Context()) {
		writeMetric(w, m)
	}
	if err := s.latency.write(w); err != nil {
		s.log.Debug("metrics: write histograms", "err", err)
	}
}

func (s *Server) samples(ctx context.Context) []metric {
	ws := s.WS.Metrics().Snapshot()
	out := []metric{
		{"parley_sockets_open", "gauge", "WebSocket connections open on this node.", float64(ws["sockets_open"])},
		{"parley_frames_in_total", "counter", "Frames received from clients.", float64(ws["frames_in"])},
		{"parley_frames_out_total", "counter", "Frames sent to clients.", float64(ws["frames_out"])},
		{"parley_slow_consumer_kicks_total", "counter", "Sockets closed with 4008 for not keeping up.", float64(ws["slow_consumer_kicks"])},
		{"parley_store_up", "gauge", "1 when the database answers.", up(ctx, s.Store.Ping)},
		{"parley_bus_up", "gauge", "1 when the bus (Redis, with several nodes) answers.", up(ctx, s.bus.Ping)},
	}
	if st := s.cluster.redisStats; st != nil {
		b := st()
		out = append(out,
			metric{"parley_redis_subscribed", "gauge", "1 while every Redis subscription is up.", boolValue(b.Connected)},
			metric{"parley_redis_published_total", "counter", "Payloads published to Redis.", float64(b.Published)},
			metric{"parley_redis_received_total", "counter", "Payloads from other nodes.", float64(b.Received)},
			metric{"parley_redis_dropped_total", "counter", "Publishes lost to a dead or slow Redis (other nodes resync).", float64(b.Dropped)},
			metric{"parley_redis_reconnects_total", "counter", "Times a Redis subscription came (back) up.", float64(b.Reconnects)})
	}
	return append(out, processSamples()...)
}

// processSamples reports this process's memory, so that a load generator
// can work out resident bytes per connection.
func processSamples() []metric {
	out := []metric{{"parley_go_heap_bytes", "gauge", "Live heap bytes, as marked by the last garbage collection.", float64(procstat.LiveHeapBytes())}}
	if rss, err := procstat.ResidentBytes(); err == nil {
		out = append(out, metric{"parley_process_resident_bytes", "gauge", "Resident memory of this process.", float64(rss)})
	}
	return out
}

func writeMetric(w io.Writer, m metric) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n%s %g\n", m.name, m.help, m.name, m.kind, m.name, m.value)
}

// up pings with a short timeout: 1 when it answers, else 0.
func up(ctx context.Context, ping func(context.Context) error) float64 {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return boolValue(ping(ctx) == nil)
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
