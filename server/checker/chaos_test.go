package checker

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// TestChaos runs real clients against the model server while their
// connections drop, sends fail with unavailable and the server kicks them,
// and asserts the checker finds nothing wrong: the client and the checker
// agree with each other on the delivery rules.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("chaos takes a few seconds")
	}
	m, url := newModel(t, "c1")
	chk := New()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const nClients, perClient, starters = 4, 60, 5
	clients := make([]*conn.Client, nClients)
	for i := range clients {
		name := fmt.Sprintf("u%d", i)
		clients[i] = conn.New(conn.Config{
			URL: url, Hello: protocol.Hello{Site: "s1", Token: name}, Backfill: true,
			MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
			OnEvent: chk.Hook(name),
		})
	}
	// Queued before Run, u0's first sends open one conversation together.
	for k := range starters {
		chk.Sent("u0", clients[0].Send("", fmt.Sprintf("u0 #%d", k)))
	}
	var runs sync.WaitGroup
	for i, c := range clients {
		runs.Go(func() {
			if err := c.Run(ctx); err != nil {
				t.Errorf("u%d: Run: %v", i, err)
			}
		})
	}
	var senders sync.WaitGroup
	for i, c := range clients {
		n := perClient
		if i == 0 {
			n -= starters
		}
		senders.Go(func() { chaosSender(chk, c, fmt.Sprintf("u%d", i), n) })
	}
	senders.Wait()
	waitSettled(t, clients, m)
	cancel()
	runs.Wait() // Run drains events before returning
	stored := m.stored()
	for i := range clients {
		for conv := range stored {
			chk.Expect(fmt.Sprintf("u%d", i), conv)
		}
	}
	r := chk.Report(stored)
	t.Log(r)
	if !r.OK() || r.Unacked != 0 || r.Messages != nClients*perClient {
		t.Fatalf("%s\n%q", r, r.Problems)
	}
}

// chaosSender sends n messages to c1, dropping its connection now and then.
func chaosSender(chk *Checker, c *conn.Client, name string, n int) {
	for k := range n {
		chk.Sent(name, c.Send("c1", fmt.Sprintf("%s #%d", name, k)))
		time.Sleep(time.Duration(rand.N(3000)) * time.Microsecond)
		if rand.N(15) == 0 {
			c.DropConnection()
		}
	}
}

// waitSettled waits until every send is acked and every client has caught
// up with every conversation.
func waitSettled(t *testing.T, clients []*conn.Client, m *model) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !settled(clients, m) {
		if time.Now().After(deadline) {
			for i, c := range clients {
				t.Logf("u%d: state %v pending %d", i, c.State(), c.Pending())
			}
			t.Fatal("clients did not settle")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func settled(clients []*conn.Client, m *model) bool {
	for _, c := range clients {
		if c.Pending() > 0 {
			return false
		}
		for conv, seqs := range m.stored() {
			if c.LastSeq(conv) != int64(len(seqs)) {
				return false
			}
		}
	}
	return true
}
