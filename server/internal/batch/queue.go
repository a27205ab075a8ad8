package batch

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is what Put returns once the queue is closed.
var ErrClosed = errors.New("batch: queue closed")

// Queue is a channel that callers may go on putting to while it is
// closed: Put then fails with ErrClosed instead of panicking.
type Queue[T any] struct {
	ch     chan T
	mu     sync.RWMutex // held for reading while putting; Close takes it
	closed bool
}

// NewQueue returns a queue that holds size items before Put waits.
func NewQueue[T any](size int) *Queue[T] {
	return &Queue[T]{ch: make(chan T, size)}
}

// Put queues v, waiting for room until ctx ends.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		return ErrClosed
	}
	select {
	case q.ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close makes Put fail; Each ends once what was queued is done.
func (q *Queue[T]) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.ch)
	}
}

// Each is the package's Each on the queue.
func (q *Queue[T]) Each(max int, do func([]T)) { Each(q.ch, max, do) }

// EachLinger is the package's EachLinger on the queue.
func (q *Queue[T]) EachLinger(max int, l Linger, do func([]T)) { EachLinger(q.ch, max, l, do) }
