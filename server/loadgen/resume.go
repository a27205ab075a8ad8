package loadgen

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/parley-chat/parley/widget/conn"
)

// resumeWatch times a reconnect storm from the clients' side: when the
// first client lost its session, when each was welcomed again, and how
// many reconnect attempts they made and why the failed ones failed.
// Nothing is recorded until arm.
type resumeWatch struct {
	mu       sync.Mutex
	armed    bool
	down     time.Time                      // the first session lost after arm
	welcomed map[*conn.Client]time.Time     // each client's first welcome after the loss
	dialed   map[*conn.Client]time.Time     // when each client's latest redial began
	served   map[*conn.Client]time.Duration // from the redial that succeeded to its welcome
	dials    int                            // reconnect attempts after arm
	reasons  map[string]int                 // why sessions and dials ended, by kind
}

func newResumeWatch() *resumeWatch {
	return &resumeWatch{welcomed: map[*conn.Client]time.Time{}, dialed: map[*conn.Client]time.Time{},
		served: map[*conn.Client]time.Duration{}, reasons: map[string]int{}}
}

// arm starts recording: the node is about to be restarted.
func (w *resumeWatch) arm() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = true
}

// event is every client's OnEvent.
func (w *resumeWatch) event(c *conn.Client, ev conn.Event) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.armed {
		return
	}
	switch {
	case ev.Kind == conn.EventState && ev.State == conn.StateReconnecting:
		if w.down.IsZero() {
			w.down = now
		}
	case ev.Kind == conn.EventWelcome && !w.down.IsZero():
		if _, ok := w.welcomed[c]; !ok {
			w.welcomed[c] = now
			if d, ok := w.dialed[c]; ok {
				w.served[c] = max(now.Sub(d), 0)
			}
		}
	}
}

// logf is client c's Logf. It counts the client's "conn: reconnecting in
// %v: %v" line, which it writes before each redial with the wait before
// the redial and the error that ended the session or the failed dial.
func (w *resumeWatch) logf(c *conn.Client, format string, args ...any) {
	if !strings.HasPrefix(format, "conn: reconnecting") || len(args) != 2 {
		return
	}
	wait, _ := args[0].(time.Duration)
	err, _ := args[1].(error)
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.armed {
		return
	}
	w.dials++
	w.reasons[reasonOf(err)]++
	w.dialed[c] = now.Add(wait)
}

// times returns when the first session was lost and each client's first
// welcome since (zero for a client not welcomed again).
func (w *resumeWatch) times(clients []*conn.Client) (time.Time, []time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]time.Time, len(clients))
	for i, c := range clients {
		out[i] = w.welcomed[c]
	}
	return w.down, out
}

// resumed counts the clients welcomed again.
func (w *resumeWatch) resumed() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.welcomed)
}

// service returns, for each client welcomed again, the time from the
// start of the redial that succeeded to its welcome: the node's part of
// the resume, without the backoff.
func (w *resumeWatch) service() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]time.Duration, 0, len(w.served))
	for _, d := range w.served {
		out = append(out, d)
	}
	return out
}

func (w *resumeWatch) attempts() (int, map[string]int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	reasons := make(map[string]int, len(w.reasons))
	for k, v := range w.reasons {
		reasons[k] = v
	}
	return w.dials, reasons
}

// httpStatus finds the status of a refused WebSocket handshake.
var httpStatus = regexp.MustCompile(`status code 101 but got (\d+)`)

// reasonOf sorts the error that ended a session or a dial into a few
// kinds, so that a report can say what the clients ran into.
func reasonOf(err error) string {
	if err == nil {
		return "none"
	}
	msg := err.Error()
	if m := httpStatus.FindStringSubmatch(msg); m != nil {
		return "HTTP " + m[1]
	}
	for _, k := range []struct{ has, kind string }{
		{"StatusServiceRestart", "closed 1012 (restart)"},
		{"StatusCode(4008)", "closed 4008 (too slow)"},
		{"connection refused", "connection refused"},
		{"connection reset", "connection reset"},
		{"broken pipe", "broken pipe"},
		{"deadline exceeded", "timeout"},
		{"i/o timeout", "timeout"},
		{"heartbeat missed", "heartbeat missed"},
		{"EOF", "EOF"},
		{"status = ", "closed by the node"},
	} {
		if strings.Contains(msg, k.has) {
			return k.kind
		}
	}
	return "other"
}
