package ratelimit

import (
	"testing"
	"time"
)

func TestMemoryBurstThenRefill(t *testing.T) {
	now := time.Unix(1000, 0)
	m := NewMemory(60, 3)
	m.now = func() time.Time { return now }
	for i := range 3 {
		if ok, _ := m.Allow("v"); !ok {
			t.Fatalf("action %d within the burst was refused", i)
		}
	}
	ok, wait := m.Allow("v")
	if ok || wait <= 0 || wait > time.Second {
		t.Fatalf("fourth action: ok=%v wait=%v, want refused with wait ≤ 1s", ok, wait)
	}
	if ok, _ := m.Allow("other"); !ok {
		t.Fatal("keys must not share a bucket")
	}
	now = now.Add(time.Second)
	if ok, _ := m.Allow("v"); !ok {
		t.Fatal("a token should have refilled after one second")
	}
}
