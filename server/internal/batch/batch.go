// Package batch groups what arrives on a channel together, for writers
// that pay per round trip or per commit rather than per item: Redis
// publishes, SQLite's group commit, PostgreSQL's pipelined appends.
package batch

// Each calls do with batches from ch until ch is closed and drained. A
// batch starts with the next item to arrive and adds what is queued
// behind it, up to max items, without waiting for more: a lone item goes
// at once. The slice is reused, so do must not keep it.
func Each[T any](ch <-chan T, max int, do func([]T)) {
	buf := make([]T, 0, max)
	for first := range ch {
		do(fill(append(buf[:0], first), ch, max))
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
