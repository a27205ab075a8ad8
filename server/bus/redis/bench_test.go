package redis_test

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/bus/redis"
	"github.com/parley-chat/parley/server/internal/testenv"
)

// burst is how many publishes the benchmark queues before waiting for
// them to arrive; the bus's queue holds 65,536.
const burst = 50_000

func waitArrived(b *testing.B, got *counter, n int64, start time.Time, from, to *redis.Bus) {
	for got.n.Load() < n {
		if time.Since(start) > 5*time.Minute {
			b.Fatalf("%d of %d payloads arrived; sender %+v, receiver %+v", got.n.Load(), n, from.Stats(), to.Stats())
		}
		time.Sleep(time.Millisecond)
	}
}

// counter is a receiver that counts payloads.
type counter struct{ n atomic.Int64 }

func (c *counter) Receive(string, []byte) { c.n.Add(1) }
func (c *counter) Resync()                {}

// BenchmarkCrossNode publishes 300-byte payloads on one node and reports
// how many a second reach another node through Redis (pipelined batches).
func BenchmarkCrossNode(b *testing.B) {
	addr, _ := testenv.StartRedis(b)
	ctx := context.Background()
	open := func() *redis.Bus {
		bus, err := redis.New(redis.Config{URL: "redis://" + addr, Log: slog.New(slog.DiscardHandler)})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = bus.Close() })
		return bus
	}
	from, to := open(), open()
	from.Listen(&counter{})
	got := &counter{}
	to.Listen(got)
	if err := to.Subscribe(ctx, "conv"); err != nil {
		b.Fatal(err)
	}
	payload := make([]byte, 300)
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		if err := from.Publish(ctx, "conv", payload); err != nil {
			b.Fatal(err)
		}
		if (i+1)%burst == 0 || i == b.N-1 { // stay within the bounded queue: more would be dropped (and resynced)
			waitArrived(b, got, int64(i+1), start, from, to)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
}
