package hub_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/parley-chat/parley/server/bus/memory"
	"github.com/parley-chat/parley/server/hub"
)

type client struct {
	mu      sync.Mutex
	events  []hub.Event
	resyncs int
}

func (c *client) Deliver(_ string, ev hub.Event) {
	c.mu.Lock()
	c.events = append(c.events, ev)
	c.mu.Unlock()
}

func (c *client) Resync() {
	c.mu.Lock()
	c.resyncs++
	c.mu.Unlock()
}

func (c *client) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.events)
}

func newHub() *hub.Hub { return hub.New(memory.New(), slog.New(slog.NewTextHandler(io.Discard, nil))) }

func TestFanOutToSubscribersOnly(t *testing.T) {
	h := newHub()
	ctx := context.Background()
	a, b, c := &client{}, &client{}, &client{}
	for _, s := range []struct {
		c      *client
		topics []string
	}{{a, []string{"t1"}}, {b, []string{"t1", "t2"}}, {c, []string{"t2"}}} {
		if err := h.Subscribe(ctx, s.c, s.topics...); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Publish(ctx, "t1", hub.Event{Conv: "c1", Seq: 1, Frame: []byte(`{"type":"message"}`)}); err != nil {
		t.Fatal(err)
	}
	if a.count() != 1 || b.count() != 1 || c.count() != 0 {
		t.Fatalf("deliveries a=%d b=%d c=%d, want 1 1 0", a.count(), b.count(), c.count())
	}
	if ev := a.events[0]; ev.Conv != "c1" || ev.Seq != 1 || string(ev.Frame) != `{"type":"message"}` {
		t.Fatalf("event mangled: %+v", ev)
	}
	h.Unsubscribe(a, "t1")
	_ = h.Publish(ctx, "t1", hub.Event{Frame: []byte(`{}`)})
	if a.count() != 1 || b.count() != 2 {
		t.Fatalf("after unsubscribe a=%d b=%d, want 1 2", a.count(), b.count())
	}
	h.Unsubscribe(b, "t1", "t2")
	h.Unsubscribe(c, "t2")
	if h.Topics() != 0 {
		t.Fatalf("%d topics left after everyone left", h.Topics())
	}
}

func TestResyncReachesEveryClientOnce(t *testing.T) {
	h := newHub()
	a, b := &client{}, &client{}
	_ = h.Subscribe(context.Background(), a, "t1", "t2")
	_ = h.Subscribe(context.Background(), b, "t2")
	h.Resync()
	if a.resyncs != 1 || b.resyncs != 1 {
		t.Fatalf("resyncs a=%d b=%d, want 1 1", a.resyncs, b.resyncs)
	}
}

func TestQueueIsBounded(t *testing.T) {
	q := hub.NewQueue[int](3)
	for i := range 3 {
		if !q.Push(i) {
			t.Fatalf("push %d refused below the limit", i)
		}
	}
	if q.Push(3) {
		t.Fatal("push beyond the limit accepted")
	}
	if got := q.Drain(); len(got) != 3 || got[2] != 2 {
		t.Fatalf("drain = %v", got)
	}
	q.Close()
	if q.Push(9) {
		t.Fatal("push after close accepted")
	}
}

func BenchmarkFanOut(b *testing.B) {
	h := newHub()
	ctx := context.Background()
	for range 100 {
		_ = h.Subscribe(ctx, &discard{}, "agents")
	}
	ev := hub.Event{Conv: "c", Seq: 1, Frame: []byte(`{"type":"message","conv":"c","seq":1,"msg":{"body":"hello"}}`)}
	b.ReportAllocs()
	for b.Loop() {
		_ = h.Publish(ctx, "agents", ev)
	}
}

type discard struct{}

func (discard) Deliver(string, hub.Event) {}
func (discard) Resync()                   {}
