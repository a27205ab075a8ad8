package relayload

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/parley-chat/parley/server/loadgen"
)

// Report is what a run measured.
type Report struct {
	Pairs      int                  `json:"pairs"`
	Idle       int                  `json:"idle"`
	TargetRate float64              `json:"target_rate"`
	DurationS  float64              `json:"duration_s"`
	Nodes      []loadgen.NodeMemory `json:"nodes"`
	Latency    loadgen.Latency      `json:"sender_to_receiver"` // PerSecond is the rate achieved
	Sent       int64                `json:"sent"`
	Received   int64                `json:"received"` // distinct payloads that arrived
	Lost       int64                `json:"lost"`
	Duplicates int64                `json:"duplicates"`
	SendFailed int64                `json:"send_failed"` // sends refused because the socket was down
	Settled    bool                 `json:"settled"`     // every sent payload arrived before the timeout
}

// OK reports whether every payload arrived exactly once.
func (r Report) OK() bool { return r.Lost == 0 && r.Duplicates == 0 }

func (f *fleet) report(start time.Time, settled bool, before, held, after []loadgen.Memory) Report {
	r := Report{Pairs: f.cfg.Pairs, Idle: f.cfg.Idle, TargetRate: f.cfg.Rate, DurationS: f.cfg.Duration.Seconds(),
		Latency: f.lat.Summary(start), Settled: settled}
	for i, n := range f.nodes {
		r.Nodes = append(r.Nodes, loadgen.NewNodeMemory(n.ws, f.perNode[i], before[i], held[i], after[i]))
	}
	for _, p := range f.pairs {
		p.mu.Lock()
		r.Received += p.received
		r.Duplicates += p.duplicates
		p.mu.Unlock()
		r.Sent += p.sent.Load()
		r.SendFailed += p.failed.Load()
	}
	r.Lost = r.Sent - r.Received
	return r
}

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("relayload: write JSON: %w", err)
	}
	return nil
}

// WriteTable writes the report as one aligned table, laid out like
// loadgen's.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "relay run\t%.0f msg/s\t%.0f s\n", r.TargetRate, r.DurationS)
	fmt.Fprintf(tw, "connections held\tpairs\t%d\tidle\t%d\n", r.Pairs, r.Idle)
	fmt.Fprintln(tw, "memory per connection\tsockets\tRSS before\tRSS held\tRSS/conn\tlive heap held\tRSS at end")
	for _, n := range r.Nodes {
		fmt.Fprintf(tw, "%s\t%d/%.0f\t%.1f MiB\t%.1f MiB\t%.1f KiB\t%.1f MiB\t%.1f MiB\n", n.URL, n.Connections, n.SocketsOpen,
			n.RSSBefore/(1<<20), n.RSSHeld/(1<<20), n.RSSPerConn/(1<<10), n.HeapHeld/(1<<20), n.RSSEnd/(1<<20))
	}
	l := r.Latency
	fmt.Fprintln(tw, "latency (ms)\tcount\tp50\tp90\tp99\tp99.9\tmax\tmsg/s")
	fmt.Fprintf(tw, "sender → receiver\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f\n", l.Count, l.P50, l.P90, l.P99, l.P999, l.Max, l.PerSecond)
	fmt.Fprintln(tw, "delivery\tsent\treceived\tlost\tduplicates\tfailed\tsettled")
	fmt.Fprintf(tw, "\t%d\t%d\t%d\t%d\t%d\t%v\n", r.Sent, r.Received, r.Lost, r.Duplicates, r.SendFailed, r.Settled)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("relayload: write table: %w", err)
	}
	return nil
}
