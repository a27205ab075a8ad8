package loadgen

import (
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
