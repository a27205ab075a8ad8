package conn

import (
	"strings"
	"testing"
	"time"
)

func TestNewCMID(t *testing.T) {
	at := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	prev := ""
	for i := range 1000 {
		id := newCMID(at.Add(time.Duration(i) * time.Millisecond))
		if len(id) != 26 || strings.Trim(id, cmidAlphabet) != "" {
			t.Fatalf("cmid %q: want 26 characters of %q", id, cmidAlphabet)
		}
		if id <= prev {
			t.Fatalf("cmid %q made after %q sorts before it", id, prev)
		}
		if seen[id[10:]] {
			t.Fatalf("random part of %q repeated", id)
		}
		seen[id[10:]], prev = true, id
	}
	if a, b := newCMID(at), newCMID(at); a[:10] != b[:10] || a == b {
		t.Errorf("same millisecond: %q and %q, want the same time part and different ids", a, b)
	}
}
