package hub

import "sync"

// Queue is a bounded FIFO between producers that must never block (the hub,
// request handlers) and one consumer (a socket's writer), which the
// producer wakes after a Push. It holds no buffer while empty. Push reports
// false when the queue is full or closed; the caller then treats the
// consumer as too slow.
type Queue[T any] struct {
	mu     sync.Mutex
	items  []T
	max    int
	closed bool
}

// NewQueue returns a queue holding at most max items.
func NewQueue[T any](max int) *Queue[T] {
	return &Queue[T]{max: max}
}

// Push appends v without blocking.
func (q *Queue[T]) Push(v T) bool {
	q.mu.Lock()
	if q.closed || len(q.items) >= q.max {
		q.mu.Unlock()
		return false
	}
	q.items = append(q.items, v)
	q.mu.Unlock()
	return true
}

// Drain removes and returns everything queued.
func (q *Queue[T]) Drain() []T {
	q.mu.Lock()
	items := q.items
	q.items = nil
	q.mu.Unlock()
	return items
}

// Close makes further pushes fail.
func (q *Queue[T]) Close() {
	q.mu.Lock()
	q.closed = true
	q.items = nil
	q.mu.Unlock()
}

// Len returns the number of queued items.
func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}
