package ws

import (
	"sync"
	"testing"
	"time"
)

// TestLanes: work of one conversation runs in order, conversations run
// side by side, and a slow conversation does not hold up another.
func TestLanes(t *testing.T) {
	l := newLanes()
	var (
		mu   sync.Mutex
		got  = map[string][]int{}
		wg   sync.WaitGroup
		slow = make(chan struct{})
	)
	record := func(conv string, i int) {
		mu.Lock()
		got[conv] = append(got[conv], i)
		mu.Unlock()
		wg.Done()
	}
	wg.Add(1)
	l.do("slow", func() { <-slow; record("slow", 0) })
	for i := range 20 {
		for _, conv := range []string{"a", "b"} {
			wg.Add(1)
			l.do(conv, func() { record(conv, i) })
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(got["a"]) + len(got["b"])
		mu.Unlock()
		if n == 40 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("conversations a and b waited for the slow one: %d of 40 done", n)
		}
		time.Sleep(time.Millisecond)
	}
	close(slow)
	wg.Wait()
	for _, conv := range []string{"a", "b"} {
		for i, v := range got[conv] {
			if v != i {
				t.Fatalf("conversation %s ran out of order: %v", conv, got[conv])
			}
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.queues) != 0 {
		t.Fatalf("lanes left behind: %v", l.queues)
	}
}
