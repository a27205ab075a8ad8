package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

// Senders per conversation and messages per sender in the two-node race.
const (
	nodeSenders = 8
	nodeMsgs    = 20
	nodeRounds  = 10 // races of StartConversation and AcceptInvite
)

// nodeTest is a contract check run against two stores on one database.
type nodeTest struct {
	name string
	fn   func(t *testing.T, a, b store.Store)
}

// RunNodes runs the checks that need two Store instances on the same
// database, as two Parley nodes have. open must return two stores on a new,
// empty database each time it is called and close them with t.Cleanup.
func RunNodes(t *testing.T, open func(t *testing.T) (a, b store.Store)) {
	tests := []nodeTest{
		{"nodes/append races on one conversation", testNodesAppend},
		{"nodes/appends build on the other node's writes", testNodesFollow},
		{"nodes/start races on one CMID", testNodesStart},
		{"nodes/wake returns each conversation once", testNodesWake},
		{"nodes/an invite is accepted once", testNodesInvite},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := open(t)
			tc.fn(t, a, b)
		})
	}
}

// onBoth calls fn on a and b at once and returns what each returned.
func onBoth[T any](a, b store.Store, fn func(s store.Store) (T, error)) (got [2]T, errs [2]error) {
	var wg sync.WaitGroup
	for i, s := range []store.Store{a, b} {
		wg.Go(func() { got[i], errs[i] = fn(s) })
	}
	wg.Wait()
	return got, errs
}

// testNodesFollow takes turns on one conversation: each append must come
// after the other node's last message, and a visitor's message must reopen
// the conversation the other node resolved, however recently this node
// wrote to it (a node may remember what it wrote; see sqlstore's heads).
func testNodesFollow(t *testing.T, a, b store.Store) {
	ctx := t.Context()
	site := mustSite(t, a)
	v := mustVisitor(t, a, site.ID)
	c, _ := mustStart(t, a, site.ID, v.ID)
	steps := []struct {
		on      store.Store
		resolve bool // b resolves the conversation first
		m       store.NewMessage
	}{
		{on: b, m: agentMsg(c.ID, "a1", unique("r"))},
		{on: a, m: visitorMsg(c.ID, v.ID, unique("v"))},
		{on: a, resolve: true, m: visitorMsg(c.ID, v.ID, unique("v"))},
		{on: b, m: agentMsg(c.ID, "a1", unique("r"))},
		{on: a, m: agentMsg(c.ID, "a2", unique("r"))},
	}
	for i, st := range steps {
		if st.resolve {
			resolved := "resolved"
			_, err := b.UpdateConversation(ctx, c.ID, store.ConversationPatch{Status: &resolved})
			must(t, err)
		}
		got := mustAppend(t, st.on, st.m)
		equal(t, fmt.Sprintf("step %d seq", i), got.Seq, int64(i+2))
		equal(t, fmt.Sprintf("step %d reopened", i), got.Reopened, st.resolve)
	}
	conv, err := b.ConversationByID(ctx, c.ID)
	must(t, err)
	equal(t, "status", conv.Status, "open")
	equal(t, "last seq", conv.LastSeq, int64(len(steps)+1))
}

// testNodesAppend has senders append through both nodes at once, every
// message sent to both as a client retrying on another node would: each
// CMID races with itself. The conversation must end with seqs 1..N, each
// CMID stored once and both nodes answering with the same message.
func testNodesAppend(t *testing.T, a, b store.Store) {
	c := mustConv(t, a)
	var (
		mu  sync.Mutex
		got []int64
		wg  sync.WaitGroup
	)
	for g := range nodeSenders {
		wg.Go(func() {
			author := fmt.Sprintf("n%d", g)
			for i := range nodeMsgs {
				m := agentMsg(c.ID, author, fmt.Sprintf("%s-%d", author, i))
				msgs, errs := onBoth(a, b, func(s store.Store) (store.Message, error) {
					return s.AppendMessage(t.Context(), m)
				})
				if errs[0] != nil || errs[1] != nil || msgs[0].ID != msgs[1].ID ||
					msgs[0].Seq != msgs[1].Seq || msgs[0].Created == msgs[1].Created {
					t.Errorf("append %s on both nodes: %+v %v, want one message created once", m.CMID, msgs, errs)
					continue
				}
				mu.Lock()
				got = append(got, msgs[0].Seq)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	wantSeqs(t, b, c.ID, got, int64(1+nodeSenders*nodeMsgs))
}

// testNodesStart starts a visitor's conversation on both nodes at once
// with the same CMID: one conversation, created once.
func testNodesStart(t *testing.T, a, b store.Store) {
	site := mustSite(t, a)
	v := mustVisitor(t, a, site.ID)
	for range nodeRounds {
		m := visitorMsg("", v.ID, unique("start"))
		type started struct {
			c store.Conversation
			m store.Message
		}
		got, errs := onBoth(a, b, func(s store.Store) (started, error) {
			c, msg, err := s.StartConversation(t.Context(), site.ID, v.ID, m)
			return started{c, msg}, err
		})
		if errs[0] != nil || errs[1] != nil || got[0].c.ID != got[1].c.ID ||
			got[0].m.ID != got[1].m.ID || got[0].m.Created == got[1].m.Created {
			t.Errorf("start %s on both nodes: %+v %v, want one conversation created once", m.CMID, got, errs)
		}
	}
	convs, err := a.ListConversations(t.Context(), store.ConversationFilter{VisitorID: v.ID})
	must(t, err)
	equal(t, "conversations", len(convs), nodeRounds)
}

// testNodesWake has both nodes wake the same due snoozes at once: each
// conversation is woken by exactly one of them.
func testNodesWake(t *testing.T, a, b store.Store) {
	now := time.Now().UTC().Truncate(time.Millisecond)
	var want []string
	for range nodeRounds {
		c := mustConv(t, a)
		snooze(t, b, c, now.Add(-time.Second))
		want = append(want, c.ID)
	}
	woken, errs := onBoth(a, b, func(s store.Store) ([]store.Conversation, error) {
		return s.WakeSnoozed(t.Context(), now)
	})
	must(t, errs[0])
	must(t, errs[1])
	all := append(convIDs(woken[0]), convIDs(woken[1])...)
	slices.Sort(all)
	slices.Sort(want)
	equal(t, "woken by either node", all, want)
}

// testNodesInvite accepts one invite on both nodes at once: one agent is
// created, the other acceptance is ErrConflict.
func testNodesInvite(t *testing.T, a, b store.Store) {
	for range nodeRounds {
		inv := mustInvite(t, a, unique("inv")+"@example.com", time.Hour)
		_, errs := onBoth(a, b, func(s store.Store) (store.Agent, error) {
			return s.AcceptInvite(t.Context(), inv.TokenHash, store.Agent{
				Email: unique("new") + "@example.com", Name: "New", Role: inv.Role})
		})
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				wantIs(t, err, store.ErrConflict)
			}
		}
		equal(t, "acceptances of "+inv.ID, ok, 1)
	}
}
