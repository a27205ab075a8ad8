package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/checker"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// agents starts n agent clients, spread over the nodes at wsURLs; the
// agent owning a conversation answers each visitor message once.
func (cl *cluster) agents(token string, n int, wsURLs ...string) []*conn.Client {
	out := make([]*conn.Client, n)
	for i := range n {
		name := fmt.Sprintf("agent-%d", i)
		out[i] = cl.start(name, conn.Config{URL: wsURLs[i%len(wsURLs)] + "/ws/agent", Hello: protocol.Hello{Token: token}, Backfill: true},
			func(c *conn.Client, ev conn.Event) {
				if ev.Kind == conn.EventMessage && ev.Message.Msg.Author.Kind == protocol.AuthorVisitor && owner(ev.Conv, n) == i {
					cl.chk.Sent(name, c.Send(ev.Conv, "reply to "+ev.Message.Msg.Body))
				}
			})
	}
	return out
}

// visitors starts n visitor clients of the site.
func (cl *cluster) visitors(wsURL, siteKey string, n int) []*conn.Client {
	out := make([]*conn.Client, n)
	for i := range n {
		out[i] = cl.start(fmt.Sprintf("visitor-%d", i), conn.Config{URL: wsURL + "/ws/visitor",
			Hello: protocol.Hello{Site: siteKey, Page: protocol.Page{URL: "https://shop.test/"}}}, nil)
	}
	return out
}

// expectAgents makes every agent a participant of every conversation.
func (cl *cluster) expectAgents(convs []string, agents int) {
	for _, c := range convs {
		for i := range agents {
			cl.chk.Expect(fmt.Sprintf("agent-%d", i), c)
		}
	}
}

// owner spreads conversations over the agents.
func owner(conv string, agents int) int {
	h := fnv.New32a()
	h.Write([]byte(conv))
	return int(h.Sum32() % uint32(agents))
}

// cluster runs conn clients recorded by a checker and can drop their
// sockets at random.
type cluster struct {
	ctx     context.Context
	cancel  context.CancelFunc
	t       *testing.T
	chk     *checker.Checker
	mu      sync.Mutex
	clients []*conn.Client
	dropped int
	wg      sync.WaitGroup
}

func newCluster(ctx context.Context, t *testing.T, chk *checker.Checker) *cluster {
	ctx, cancel := context.WithCancel(ctx)
	cl := &cluster{ctx: ctx, cancel: cancel, t: t, chk: chk}
	t.Cleanup(cl.stop)
	return cl
}

// stop ends every client and waits for Run to return, which delivers every
// event still queued: only then is the checker's record complete.
func (cl *cluster) stop() {
	cl.cancel()
	cl.wg.Wait()
}

// start runs a client named name whose events go to the checker and then to
// also (when non-nil).
func (cl *cluster) start(name string, cfg conn.Config, also func(*conn.Client, conn.Event)) *conn.Client {
	hook := cl.chk.Hook(name)
	cfg.MinBackoff, cfg.MaxBackoff = 20*time.Millisecond, 500*time.Millisecond
	var c *conn.Client
	built := make(chan struct{})
	cfg.OnEvent = func(ev conn.Event) {
		<-built
		hook(ev)
		if also != nil {
			also(c, ev)
		}
	}
	c = conn.New(cfg)
	close(built)
	cl.mu.Lock()
	cl.clients = append(cl.clients, c)
	cl.mu.Unlock()
	cl.wg.Add(1)
	go func() {
		defer cl.wg.Done()
		if err := c.Run(cl.ctx); err != nil && cl.ctx.Err() == nil {
			cl.t.Errorf("client %s stopped: %v", name, err)
		}
	}()
	return c
}

// chaos drops a random client's socket every interval until the returned
// channel is closed.
func (cl *cluster) chaos(ctx context.Context, every time.Duration) chan struct{} {
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-time.After(every/2 + rand.N(every)):
			}
			cl.mu.Lock()
			for range 3 {
				cl.clients[rand.N(len(cl.clients))].DropConnection()
				cl.dropped++
			}
			cl.mu.Unlock()
		}
	}()
	return stop
}

func (cl *cluster) drops() int {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	return cl.dropped
}

// converse has every visitor open a conversation and send perSide
// messages about pace apart; it returns the conversation ids.
func (cl *cluster) converse(ctx context.Context, t *testing.T, visitors []*conn.Client, perSide int, pace time.Duration) []string {
	convs := make([]string, len(visitors))
	var wg sync.WaitGroup
	for i, v := range visitors {
		wg.Go(func() {
			name := fmt.Sprintf("visitor-%d", i)
			for k := range perSide {
				body := fmt.Sprintf("message %d from %s", k, name)
				if k == 0 {
					// Generous: under chaos on a loaded 2-core machine the first
					// ack can take many reconnects (one run needed over 90 s).
					wctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
					ack, err := v.SendWait(wctx, "", body)
					cancel()
					if err != nil {
						t.Errorf("%s: first send: %v", name, err)
						return
					}
					convs[i] = ack.Conv
					cl.chk.Expect(name, ack.Conv)
					continue
				}
				cl.chk.Sent(name, v.Send(convs[i], body))
				time.Sleep(pace/2 + rand.N(pace))
			}
		})
	}
	wg.Wait()
	return convs
}

// waitSettled waits until every send is acked and every conversation holds
// want messages that every client has seen, then returns the store's seqs.
func (cl *cluster) waitSettled(t *testing.T, seqs func() map[string][]int64, convs []string, want int64, clients []*conn.Client) map[string][]int64 {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		pending, behind := 0, 0
		for _, c := range clients {
			pending += c.Pending()
		}
		stored := seqs()
		for _, conv := range convs {
			if int64(len(stored[conv])) < want {
				behind++
			}
		}
		if pending == 0 && behind == 0 && cl.allCaughtUp(clients, convs, want) {
			return stored
		}
		if time.Now().After(deadline) {
			t.Logf("not settled after 60s: %d sends pending, %d conversations short", pending, behind)
			return stored
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (cl *cluster) allCaughtUp(clients []*conn.Client, convs []string, want int64) bool {
	for _, c := range clients {
		for _, conv := range c.Conversations() {
			if c.LastSeq(conv) < want {
				return false
			}
		}
	}
	return true
}

func storedSeqs(t *testing.T, n *servertest.Node, convs []string) map[string][]int64 {
	t.Helper()
	out := make(map[string][]int64, len(convs))
	for _, conv := range convs {
		msgs, err := n.Server.Store.MessagesAfter(context.Background(), conv, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			out[conv] = append(out[conv], m.Seq)
		}
	}
	return out
}

// restSeqs reads each conversation's seqs over REST, for nodes running as
// processes.
func restSeqs(t *testing.T, baseURL, token string, convs []string) map[string][]int64 {
	t.Helper()
	out := make(map[string][]int64, len(convs))
	for _, conv := range convs {
		req, _ := http.NewRequest(http.MethodGet, baseURL+"/api/v1/conversations/"+conv+"/messages?limit=1000", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Logf("read %s: %v", conv, err)
			continue
		}
		var body struct {
			Messages []struct {
				Seq int64 `json:"seq"`
			} `json:"messages"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil {
			t.Logf("read %s: %v", conv, err)
			continue
		}
		for _, m := range body.Messages {
			out[conv] = append(out[conv], m.Seq)
		}
	}
	return out
}
