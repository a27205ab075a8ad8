// Package batch groups what arrives on a channel together, for writers
// that pay per round trip or per commit rather than per item: Redis
// publishes, SQLite's group commit, PostgreSQL's pipelined appends.
package batch

import "time"

// Each calls do with batches from ch until ch is closed and drained. A
// batch starts with the next item to arrive and adds what is queued
// behind it, up to max items, without waiting for more: a lone item goes
// at once. The slice is reused, so do must not keep it.
func Each[T any](ch <-chan T, max int, do func([]T)) {
	EachLinger(ch, max, Linger{}, do)
}

// Linger makes a batch wait for company while the writer is busy.
type Linger struct {
	After int           // lingers only when the batch before had at least this many items
	For   time.Duration // how long a batch waits, at most, for more items
}

// EachLinger is Each, except that when the batch before carried at least
// l.After items, the next one waits l.For (not at all when max are
// already queued) before it takes what is queued. Under load a writer
// whose cost per batch grows slower than its size then does less work
// per item; a lone item, or a trickle, still goes at once.
func EachLinger[T any](ch <-chan T, max int, l Linger, do func([]T)) {
	buf := make([]T, 0, max)
	last := 0
	for first := range ch {
		if l.For > 0 && last >= l.After && len(ch) < max-1 {
			time.Sleep(l.For)
		}
		b := fill(append(buf[:0], first), ch, max)
		last = len(b)
		do(b)
	}
}

// fill adds to b what ch holds now, up to max items in all.
func fill[T any](b []T, ch <-chan T, max int) []T {
	for len(b) < max {
		select {
		case v, ok := <-ch:
			if !ok {
				return b
			}
			b = append(b, v)
		default:
			return b
		}
	}
	return b
}
