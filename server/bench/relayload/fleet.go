package relayload

import (
	"bytes"
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parley-chat/parley/server/internal/pace"
	"github.com/parley-chat/parley/server/loadgen"
)

// dialSlots bounds how many sockets dial their first session at once.
const dialSlots = 200

// pair is one sender and the receiver it writes to through the relay.
type pair struct {
	target           string // the receiver's id
	sender, receiver *client
	sent, failed     atomic.Int64 // frames written, frames that could not be

	mu         sync.Mutex
	seen       []bool // by seq
	received   int64
	duplicates int64
}

// fleet is one run's sockets.
type fleet struct {
	cfg     Config
	nodes   []node
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	epoch   time.Time // payload stamps count from here, on the monotonic clock
	pairs   []*pair
	clients []*client
	perNode []int
	lat     loadgen.Recorder
}

func newFleet(ctx context.Context, cfg Config, nodes []node) *fleet {
	ctx, cancel := context.WithCancel(ctx)
	f := &fleet{cfg: cfg, nodes: nodes, ctx: ctx, cancel: cancel, epoch: time.Now(), perNode: make([]int, len(nodes))}
	run, slots := runID(), make(chan struct{}, dialSlots)
	for i := range cfg.Pairs {
		p := &pair{target: run + "-r" + strconv.Itoa(i)}
		p.receiver = f.add(len(nodes)-1, p.target, slots, func(b []byte) { f.received(p, b) })
		p.sender = f.add(0, run+"-s"+strconv.Itoa(i), slots, nil)
		f.pairs = append(f.pairs, p)
	}
	for i := range cfg.Idle {
		f.add(i%len(nodes), run+"-i"+strconv.Itoa(i), slots, nil)
	}
	startClients(f.ctx, &f.wg, f.clients)
	return f
}

func (f *fleet) add(n int, id string, slots chan struct{}, onPayload func([]byte)) *client {
	c := newClient(f.nodes[n].ws, id, slots, onPayload)
	f.perNode[n]++
	f.clients = append(f.clients, c)
	return c
}

// stop ends every client and waits for them.
func (f *fleet) stop() {
	f.cancel()
	f.wg.Wait()
}

// send has every sender write at its share of the rate until the duration
// is over. A payload is "<seq>:<send time>".
func (f *fleet) send(ctx context.Context) {
	interval := time.Duration(float64(time.Second) * float64(len(f.pairs)) / f.cfg.Rate)
	end := time.Now().Add(f.cfg.Duration)
	var wg sync.WaitGroup
	for _, p := range f.pairs {
		wg.Go(func() { f.sendPair(ctx, p, interval, end) })
	}
	wg.Wait()
}

func (f *fleet) sendPair(ctx context.Context, p *pair, interval time.Duration, end time.Time) {
	sleep(ctx, rand.N(interval)+1) // spread the senders over the interval
	sched := pace.Schedule{Start: time.Now(), Interval: interval, End: end}
	var (
		buf []byte
		seq int64
	)
	sched.Run(ctx, 0, func() {
		seq++
		buf = append(append(buf[:0], p.target...), ' ')
		buf = strconv.AppendInt(buf, seq, 10)
		buf = append(buf, ':')
		buf = strconv.AppendInt(buf, int64(time.Since(f.epoch)), 10)
		if err := p.sender.send(ctx, buf); err != nil {
			p.failed.Add(1)
		} else {
			p.sent.Add(1)
		}
	})
}

// received records one payload at p's receiver.
func (f *fleet) received(p *pair, b []byte) {
	seqText, stamp, ok := bytes.Cut(b, []byte(":"))
	seq, err1 := strconv.ParseInt(string(seqText), 10, 64)
	sent, err2 := strconv.ParseInt(string(stamp), 10, 64)
	if !ok || err1 != nil || err2 != nil || seq < 1 {
		return
	}
	f.lat.Add(time.Since(f.epoch) - time.Duration(sent))
	p.mu.Lock()
	defer p.mu.Unlock()
	for int64(len(p.seen)) <= seq {
		p.seen = append(p.seen, false)
	}
	if p.seen[seq] {
		p.duplicates++
		return
	}
	p.seen[seq] = true
	p.received++
}

// settle waits until every sent payload has arrived, nothing has arrived
// for two seconds, or the timeout passes; it reports whether all arrived.
func (f *fleet) settle(ctx context.Context) bool {
	deadline, quiet := time.Now().Add(f.cfg.Timeout), time.Now()
	last := int64(-1)
	for {
		got, want := f.totals()
		if got >= want {
			return true
		}
		if got != last {
			last, quiet = got, time.Now()
		}
		if time.Since(quiet) > 2*time.Second || time.Now().After(deadline) || !sleep(ctx, 20*time.Millisecond) {
			return false
		}
	}
}

// totals is how many payloads arrived (once each) and how many were sent.
func (f *fleet) totals() (got, want int64) {
	for _, p := range f.pairs {
		p.mu.Lock()
		got += p.received
		p.mu.Unlock()
		want += p.sent.Load()
	}
	return got, want
}
