package loadgen

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Report is what a run measured.
type Report struct {
	Visitors       int          `json:"visitors"`
	Idle           int          `json:"idle"`
	Agents         int          `json:"agents"`
	TargetRate     float64      `json:"target_rate"`
	DurationS      float64      `json:"duration_s"`
	Nodes          []NodeMemory `json:"nodes"`
	VisitorToAgent Latency      `json:"visitor_to_agent"`
	AgentToVisitor Latency      `json:"agent_to_visitor"`
	Settled        bool         `json:"settled"` // every send acked and seen by every client before the timeout
	SendFailed     int64        `json:"send_failed"`
	Delivery       Delivery     `json:"delivery"`
	// Storm is set by a reconnect storm (Storm), whose VisitorToAgent
	// times the messages sent after it and whose run has no rate.
	Storm *StormFigures `json:"storm,omitempty"`
}

// NodeMemory is one node's memory, from its /metrics, before any client
// connected and once every client was connected (and idle).
type NodeMemory struct {
	URL         string  `json:"url"`
	Connections int     `json:"connections"`  // clients the generator started on this node
	SocketsOpen float64 `json:"sockets_open"` // what the node counted once all were online
	RSSBefore   float64 `json:"rss_before_bytes"`
	RSSHeld     float64 `json:"rss_held_bytes"`
	RSSEnd      float64 `json:"rss_end_bytes"`
	RSSPerConn  float64 `json:"rss_per_conn_bytes"` // (RSSHeld − RSSBefore) / Connections
	// The live heap as of the node's last GC: no per-connection figure,
	// since nothing makes the node collect between the two reads.
	HeapBefore   float64 `json:"heap_before_bytes"`
	HeapHeld     float64 `json:"heap_held_bytes"`
	HasProcStats bool    `json:"has_proc_stats"` // the node exports parley_process_resident_bytes
}

// Delivery is the delivery checker's verdict.
type Delivery struct {
	Conversations int      `json:"conversations"`
	Messages      int      `json:"messages"`
	Lost          int      `json:"lost"`
	Duplicates    int      `json:"duplicates"`
	Holes         int      `json:"holes"`
	Unacked       int      `json:"unacked"`
	Problems      []string `json:"problems,omitempty"`
}

// OK reports whether nothing was lost, duplicated or missing and, after a
// reconnect storm, every client came back.
func (r Report) OK() bool {
	return r.Delivery.Lost == 0 && r.Delivery.Duplicates == 0 && r.Delivery.Holes == 0 &&
		(r.Storm == nil || r.Storm.allResumed())
}

func memoryRows(nodes []node, conns []int, before, held, after []Memory) []NodeMemory {
	out := make([]NodeMemory, len(nodes))
	for i, n := range nodes {
		out[i] = NewNodeMemory(n.ws, conns[i], before[i], held[i], after[i])
	}
	return out
}

// NewNodeMemory is the memory row of the node at url, which held conns
// connections, from its /metrics read before they connected, once all
// were connected and at the end.
func NewNodeMemory(url string, conns int, before, held, after Memory) NodeMemory {
	m := NodeMemory{URL: url, Connections: conns, SocketsOpen: held.Sockets, RSSBefore: before.RSS,
		RSSHeld: held.RSS, RSSEnd: after.RSS, HeapBefore: before.Heap, HeapHeld: held.Heap, HasProcStats: held.RSS > 0}
	if conns > 0 {
		m.RSSPerConn = (m.RSSHeld - m.RSSBefore) / float64(conns)
	}
	return m
}

func (f *fleet) report(start time.Time, stored map[string][]int64, settled bool, nodes []NodeMemory) Report {
	c := f.chk.Report(stored)
	return Report{Visitors: f.cfg.Visitors, Idle: f.cfg.Idle, Agents: f.cfg.Agents, TargetRate: f.cfg.Rate,
		DurationS: f.cfg.Duration.Seconds(), Nodes: nodes, VisitorToAgent: f.v2a.Summary(start), AgentToVisitor: f.a2v.Summary(start),
		Settled: settled, SendFailed: f.failed.Load(),
		Delivery: Delivery{Conversations: c.Conversations, Messages: c.Messages, Lost: c.Lost, Duplicates: c.Duplicates,
			Holes: c.Holes, Unacked: c.Unacked, Problems: c.Problems}}
}

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("loadgen: write JSON: %w", err)
	}
	return nil
}

// WriteTable writes the report as one aligned table.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(cells ...any) {
		for i, c := range cells {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, c)
		}
		fmt.Fprintln(tw)
	}
	if r.Storm == nil {
		row("run", fmt.Sprintf("%.0f msg/s", r.TargetRate), fmt.Sprintf("%.0f s", r.DurationS))
	}
	row("connections held", "visitors", r.Visitors, "idle", r.Idle, "agents", r.Agents)
	row("memory per connection", "sockets", "RSS before", "RSS held", "RSS/conn", "live heap held", "RSS at end")
	for _, n := range r.Nodes {
		row(n.URL, fmt.Sprintf("%d/%.0f", n.Connections, n.SocketsOpen), mib(n.RSSBefore), mib(n.RSSHeld),
			kib(n.RSSPerConn), mib(n.HeapHeld), mib(n.RSSEnd))
	}
	r.writeLatency(row)
	if r.Storm != nil {
		r.Storm.writeStorm(row)
	}
	d := r.Delivery
	row("delivery checker", "lost", "duplicates", "holes", "unacked", "failed", "settled", "verdict")
	row(fmt.Sprintf("%d convs, %d msgs", d.Conversations, d.Messages), d.Lost, d.Duplicates, d.Holes, d.Unacked, r.SendFailed, r.Settled, verdict(r.OK()))
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("loadgen: write table: %w", err)
	}
	for _, p := range d.Problems {
		fmt.Fprintln(w, "  ", p)
	}
	return nil
}

// writeLatency writes the latency rows; a storm's agents do not answer.
func (r Report) writeLatency(row func(...any)) {
	row("latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max", "msg/s")
	lines := []struct {
		name string
		Latency
	}{{"visitor → agent", r.VisitorToAgent}, {"agent → visitor", r.AgentToVisitor}}
	if r.Storm != nil {
		lines = lines[:1]
		lines[0].name = "visitor → agent, after the storm"
	}
	for _, l := range lines {
		row(l.name, l.Count, f2(l.P50), f2(l.P90), f2(l.P99), f2(l.P999), f2(l.Max), fmt.Sprintf("%.0f", l.PerSecond))
	}
}

func verdict(ok bool) string {
	if ok {
		return "OK"
	}
	return "FAIL"
}

func f2(v float64) string  { return fmt.Sprintf("%.2f", v) }
func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }
func kib(b float64) string { return fmt.Sprintf("%.1f KiB", b/(1<<10)) }
