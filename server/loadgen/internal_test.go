package loadgen

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseNode(t *testing.T) {
	tests := []struct {
		in, ws, http string
		ok           bool
	}{
		{"ws://127.0.0.1:8080", "ws://127.0.0.1:8080", "http://127.0.0.1:8080", true},
		{" http://a.example:1/ ", "ws://a.example:1", "http://a.example:1", true},
		{"wss://chat.example", "wss://chat.example", "https://chat.example", true},
		{"https://chat.example/parley", "wss://chat.example/parley", "https://chat.example/parley", true},
		{"ftp://x", "", "", false},
		{"127.0.0.1:8080", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		n, err := parseNode(tt.in)
		if (err == nil) != tt.ok || n.ws != tt.ws || n.http != tt.http {
			t.Errorf("parseNode(%q) = %+v, %v; want %s %s ok=%v", tt.in, n, err, tt.ws, tt.http, tt.ok)
		}
	}
}

func TestRank(t *testing.T) {
	s := make([]time.Duration, 1000)
	for i := range s {
		s[i] = time.Duration(i+1) * time.Millisecond
	}
	for p, want := range map[float64]time.Duration{0.5: 500, 0.9: 900, 0.99: 990, 0.999: 999, 1: 1000} {
		if got := rank(s, p); got != want*time.Millisecond {
			t.Errorf("rank(1..1000 ms, %v) = %v, want %v ms", p, got, want)
		}
	}
	if got := rank([]time.Duration{7}, 0.999); got != 7 {
		t.Errorf("rank of one sample = %v", got)
	}
}

func TestStamp(t *testing.T) {
	f := &fleet{epoch: time.Now().Add(-time.Hour), run: "lgx"}
	sent, ok := f.stamped(f.body("hello"))
	if !ok || sent < time.Hour {
		t.Fatalf("stamped(body) = %v, %v", sent, ok)
	}
	other := &fleet{epoch: f.epoch, run: "lgy"}
	if _, ok := f.stamped(other.body("hello")); ok {
		t.Fatal("a body of another run was taken for this run's")
	}
}

func TestReasonOf(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, "none"},
		{errors.New(`conn: read: failed to get reader: received close frame: status = StatusServiceRestart and reason = "service restart"`), "closed 1012 (restart)"},
		{errors.New("failed to WebSocket dial: failed to send handshake request: Get \"http://127.0.0.1:1/ws/visitor\": dial tcp 127.0.0.1:1: connect: connection refused"), "connection refused"},
		{errors.New("failed to WebSocket dial: expected handshake response status code 101 but got 503"), "HTTP 503"},
		{errors.New("conn: read: failed to get reader: EOF"), "EOF"},
		{errors.New(`conn: read: failed to get reader: received close frame: status = StatusCode(4008) and reason = "too slow: reconnect and resume"`), "closed 4008 (too slow)"},
		{errors.New("failed to WebSocket dial: context deadline exceeded"), "timeout"},
		{errors.New("something else"), "other"},
	}
	for _, tt := range tests {
		if got := reasonOf(tt.err); got != tt.want {
			t.Errorf("reasonOf(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestResumeTimes(t *testing.T) {
	ref := time.Now()
	at := func(ms int) time.Time { return ref.Add(time.Duration(ms) * time.Millisecond) }
	welcomed := []time.Time{at(300), {}, at(100), at(200), at(-5)}
	got := resumeTimes(ref, welcomed, at(400))
	want := Resume{Spread: Spread{P50: 0.1, P99: 0.3, Max: 0.3}, All: 0.4}
	if got != want {
		t.Errorf("resumeTimes = %+v, want %+v", got, want)
	}
	if got := resumeTimes(ref, welcomed, time.Time{}); got.All != 0 || got.Max != 0.3 {
		t.Errorf("never all online: %+v", got)
	}
	if got := resumeTimes(time.Time{}, welcomed, at(400)); got != (Resume{}) {
		t.Errorf("no reference: %+v", got)
	}
	if got := earliest(time.Time{}, at(5), at(3), time.Time{}); !got.Equal(at(3)) {
		t.Errorf("earliest = %v", got)
	}
	if !earliest().IsZero() || !earliest(time.Time{}).IsZero() {
		t.Error("earliest of nothing is not zero")
	}
}

// TestProbeRestart: the probe ignores the old node answering, notes the
// first failure and returns at the first answer after it.
func TestProbeRestart(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := calls.Add(1); n > 2 && n < 6 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	o := probeRestart(ctx, srv.URL)
	if o.down.IsZero() || o.up.IsZero() || !o.up.After(o.down) || calls.Load() != 6 {
		t.Fatalf("probe: %+v after %d calls", o, calls.Load())
	}
}
