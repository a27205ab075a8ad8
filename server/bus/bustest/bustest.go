// Package bustest is the contract every bus.Bus implementation passes.
package bustest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/bus"
)

// Recorder is a bus.Receiver that records what it gets.
type Recorder struct {
	mu      sync.Mutex
	got     map[string][]string
	resyncs int
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder { return &Recorder{got: make(map[string][]string)} }

// Receive implements bus.Receiver.
func (r *Recorder) Receive(topic string, payload []byte) {
	r.mu.Lock()
	r.got[topic] = append(r.got[topic], string(payload))
	r.mu.Unlock()
}

// Resync implements bus.Receiver.
func (r *Recorder) Resync() {
	r.mu.Lock()
	r.resyncs++
	r.mu.Unlock()
}

// Got returns the payloads received on topic.
func (r *Recorder) Got(topic string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got[topic]...)
}

// WaitFor waits until topic has n payloads or fails the test.
func (r *Recorder) WaitFor(t *testing.T, topic string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got := r.Got(topic); len(got) >= n {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("topic %s: got %d payloads, want %d", topic, len(r.Got(topic)), n)
	return nil
}

// Run runs the contract against buses made by open; two calls of open must
// return buses that reach each other (nodes sharing one Redis), or the same
// bus for an in-process implementation.
func Run(t *testing.T, open func(t *testing.T) bus.Bus) {
	ctx := context.Background()
	t.Run("delivers subscribed topics only", func(t *testing.T) {
		b := open(t)
		r := NewRecorder()
		b.Listen(r)
		if err := b.Subscribe(ctx, "a"); err != nil {
			t.Fatal(err)
		}
		for _, topic := range []string{"a", "b", "a"} {
			if err := b.Publish(ctx, topic, []byte("to "+topic)); err != nil {
				t.Fatal(err)
			}
		}
		if got := r.WaitFor(t, "a", 2); got[0] != "to a" {
			t.Fatalf("got %v", got)
		}
		time.Sleep(50 * time.Millisecond)
		if got := r.Got("b"); len(got) != 0 {
			t.Fatalf("unsubscribed topic delivered: %v", got)
		}
	})
	t.Run("keeps publish order per topic", func(t *testing.T) {
		b := open(t)
		r := NewRecorder()
		b.Listen(r)
		if err := b.Subscribe(ctx, "order"); err != nil {
			t.Fatal(err)
		}
		const n = 500
		for i := range n {
			if err := b.Publish(ctx, "order", []byte(fmt.Sprint(i))); err != nil {
				t.Fatal(err)
			}
		}
		for i, p := range r.WaitFor(t, "order", n) {
			if p != fmt.Sprint(i) {
				t.Fatalf("payload %d is %s", i, p)
			}
		}
	})
	t.Run("unsubscribe stops delivery", func(t *testing.T) {
		b := open(t)
		r := NewRecorder()
		b.Listen(r)
		if err := b.Subscribe(ctx, "u"); err != nil {
			t.Fatal(err)
		}
		if err := b.Unsubscribe(ctx, "u"); err != nil {
			t.Fatal(err)
		}
		_ = b.Publish(ctx, "u", []byte("x"))
		time.Sleep(50 * time.Millisecond)
		if got := r.Got("u"); len(got) != 0 {
			t.Fatalf("got %v after unsubscribe", got)
		}
	})
	t.Run("ping and close", func(t *testing.T) {
		b := open(t)
		b.Listen(NewRecorder())
		if err := b.Ping(ctx); err != nil {
			t.Fatalf("ping: %v", err)
		}
		if err := b.Close(); err != nil {
			t.Fatalf("close: %v", err)
		}
		if err := b.Publish(ctx, "x", []byte("y")); err == nil {
			t.Fatal("publish after close succeeded")
		}
	})
}

// RunNodes checks what buses of several nodes must do together; open
// returns two buses of different nodes sharing one broker.
func RunNodes(t *testing.T, open func(t *testing.T) (a, b bus.Bus)) {
	ctx := context.Background()
	t.Run("reaches the other node once, in order", func(t *testing.T) {
		a, b := open(t)
		ra, rb := NewRecorder(), NewRecorder()
		a.Listen(ra)
		b.Listen(rb)
		for _, x := range []bus.Bus{a, b} {
			if err := x.Subscribe(ctx, "n"); err != nil {
				t.Fatal(err)
			}
		}
		const n = 300
		for i := range n {
			if err := a.Publish(ctx, "n", []byte(fmt.Sprint(i))); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range []*Recorder{ra, rb} {
			got := r.WaitFor(t, "n", n)
			for i, p := range got {
				if p != fmt.Sprint(i) {
					t.Fatalf("payload %d is %s", i, p)
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
		if len(ra.Got("n")) != n || len(rb.Got("n")) != n {
			t.Fatalf("duplicates: publisher got %d, other node %d, want %d each", len(ra.Got("n")), len(rb.Got("n")), n)
		}
	})
	t.Run("a topic the other node did not subscribe stays home", func(t *testing.T) {
		a, b := open(t)
		rb := NewRecorder()
		a.Listen(NewRecorder())
		b.Listen(rb)
		if err := b.Subscribe(ctx, "other"); err != nil {
			t.Fatal(err)
		}
		_ = a.Publish(ctx, "mine", []byte("x"))
		_ = a.Publish(ctx, "other", []byte("y"))
		rb.WaitFor(t, "other", 1)
		if got := rb.Got("mine"); len(got) != 0 {
			t.Fatalf("unsubscribed topic delivered: %v", got)
		}
	})
}

// Resyncs returns how many times Resync was called.
func (r *Recorder) Resyncs() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.resyncs
}
