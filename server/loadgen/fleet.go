package loadgen

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parley-chat/parley/server/checker"
	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// fleet runs the generator's clients: visitors that converse, agents that
// answer, idle visitors that only say hello.
type fleet struct {
	cfg    Config
	nodes  []node
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	chk    *checker.Checker
	epoch  time.Time // body stamps count from here, on the monotonic clock
	run    string    // marks this run's bodies, so history from earlier runs is left alone

	visitors, agents, idle []*conn.Client
	perNode                []int // connections started on each node
	v2a, a2v               Recorder
	failed                 atomic.Int64 // sends that failed for good
	quiet                  bool         // agents time visitor messages but do not answer them (storms)
	watch                  *resumeWatch // times clients' resumes (storms); nil otherwise

	mu  sync.Mutex
	err error // the first client that stopped for good
}

func newFleet(ctx context.Context, cfg Config, nodes []node) *fleet {
	ctx, cancel := context.WithCancel(ctx)
	return &fleet{cfg: cfg, nodes: nodes, ctx: ctx, cancel: cancel, chk: checker.New(), epoch: time.Now(),
		run: "lg" + strconv.FormatInt(time.Now().UnixNano(), 36), perNode: make([]int, len(nodes))}
}

// startAll connects agents first, so that they see every conversation open.
func (f *fleet) startAll() {
	for i := range f.cfg.Agents {
		name := agentName(i)
		f.agents = append(f.agents, f.start(name, f.node(i, len(f.nodes)-1), "/ws/agent", protocol.Hello{Token: f.cfg.Token}, true,
			func(c *conn.Client, ev conn.Event) { f.onAgentEvent(i, name, c, ev) }))
	}
	hello := protocol.Hello{Site: f.cfg.SiteKey, Page: protocol.Page{URL: "https://loadgen.invalid/", Title: "parley bench"}}
	for i := range f.cfg.Visitors {
		f.visitors = append(f.visitors, f.start(visitorName(i), f.node(i, 0), "/ws/visitor", hello, false, f.onVisitorEvent))
	}
	for i := range f.cfg.Idle {
		f.idle = append(f.idle, f.start("", i%len(f.nodes), "/ws/visitor", hello, false, nil))
	}
}

// node is the node the i-th client of a kind connects to: round-robin,
// or split's node when Config.Split holds.
func (f *fleet) node(i, split int) int {
	if f.cfg.Split {
		return split
	}
	return i % len(f.nodes)
}

// start runs a client on node n. Named clients are recorded by the
// checker; also (when non-nil) sees every event after it.
func (f *fleet) start(name string, n int, path string, hello protocol.Hello, backfill bool, also func(*conn.Client, conn.Event)) *conn.Client {
	f.perNode[n]++
	cfg := conn.Config{URL: f.nodes[n].ws + path, Hello: hello, Backfill: backfill, MinBackoff: f.cfg.MinBackoff, MaxBackoff: f.cfg.MaxBackoff}
	var c *conn.Client
	if f.watch != nil {
		cfg.Logf = func(format string, args ...any) { f.watch.logf(c, format, args...) } // only Run logs, after New
	}
	if name != "" {
		hook := f.chk.Hook(name)
		built := make(chan struct{})
		cfg.OnEvent = func(ev conn.Event) {
			<-built
			if f.watch != nil {
				f.watch.event(c, ev)
			}
			hook(ev)
			if ev.Kind == conn.EventSendFailed {
				f.failed.Add(1)
			}
			if also != nil {
				also(c, ev)
			}
		}
		defer close(built)
	}
	c = conn.New(cfg)
	f.wg.Go(func() {
		if err := c.Run(f.ctx); err != nil && f.ctx.Err() == nil {
			f.fail(fmt.Errorf("loadgen: client %q on %s stopped: %w", name, f.nodes[n].ws, err))
		}
	})
	return c
}

func (f *fleet) fail(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil {
		f.err = err
	}
}

func (f *fleet) firstErr() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// onAgentEvent: the agent owning a conversation times each visitor message
// and answers it once.
func (f *fleet) onAgentEvent(i int, name string, c *conn.Client, ev conn.Event) {
	if ev.Kind != conn.EventMessage || ev.Message.Msg.Author.Kind != protocol.AuthorVisitor || owner(ev.Conv, f.cfg.Agents) != i {
		return
	}
	sent, ok := f.stamped(ev.Message.Msg.Body)
	if !ok {
		return
	}
	f.v2a.Add(f.now() - sent)
	if !f.quiet {
		f.chk.Sent(name, c.Send(ev.Conv, f.body("reply")))
	}
}

// onVisitorEvent times each agent reply.
func (f *fleet) onVisitorEvent(_ *conn.Client, ev conn.Event) {
	if ev.Kind != conn.EventMessage || ev.Message.Msg.Author.Kind != protocol.AuthorAgent {
		return
	}
	if sent, ok := f.stamped(ev.Message.Msg.Body); ok {
		f.a2v.Add(f.now() - sent)
	}
}

// waitOnline waits until every client has been welcomed.
func (f *fleet) waitOnline(ctx context.Context, timeout time.Duration) error {
	all := f.all()
	deadline := time.Now().Add(timeout)
	for {
		if err := f.firstErr(); err != nil {
			return err
		}
		offline := 0
		for _, c := range all {
			if c.State() != conn.StateOnline {
				offline++
			}
		}
		if offline == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("loadgen: %d of %d clients not online after %v", offline, len(all), timeout)
		}
		if !sleep(ctx, 100*time.Millisecond) {
			return fmt.Errorf("loadgen: connect: %w", ctx.Err())
		}
	}
}

func (f *fleet) all() []*conn.Client {
	out := append([]*conn.Client{}, f.agents...)
	out = append(out, f.visitors...)
	return append(out, f.idle...)
}

// stop ends every client and waits for Run to return, which delivers every
// event still queued: only then is the checker's record complete.
func (f *fleet) stop() {
	f.cancel()
	f.wg.Wait()
}

// now is the time since the epoch on the monotonic clock.
func (f *fleet) now() time.Duration { return time.Since(f.epoch) }

// body is a message of this run carrying its send time.
func (f *fleet) body(what string) string {
	return what + " " + f.run + "@" + strconv.FormatInt(int64(f.now()), 10)
}

// stamped returns the send time a body of this run carries.
func (f *fleet) stamped(body string) (time.Duration, bool) {
	_, s, ok := strings.Cut(body, " "+f.run+"@")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return time.Duration(n), err == nil
}

// owner spreads conversations over the agents.
func owner(conv string, agents int) int {
	h := fnv.New32a()
	h.Write([]byte(conv))
	return int(h.Sum32() % uint32(agents))
}

func agentName(i int) string   { return fmt.Sprintf("agent-%d", i) }
func visitorName(i int) string { return fmt.Sprintf("visitor-%d", i) }

// sleep waits d or until ctx ends; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
