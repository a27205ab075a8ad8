package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/parley-chat/parley/server/store"
)

// Concurrent senders into one conversation.
const (
	senders       = 20
	perSender     = 25
	retryEveryNth = 5
)

// testAppendConcurrent checks the no-holes, no-duplicates guarantee under
// contention: every append gets its own seq, retries get the original one,
// and the conversation ends with exactly 1..N.
func testAppendConcurrent(t *testing.T, s store.Store) {
	c := mustConv(t, s) // the first message has seq 1
	var (
		mu  sync.Mutex
		got []int64
		wg  sync.WaitGroup
	)
	for g := range senders {
		wg.Go(func() {
			seqs := sendMany(t, s, c.ID, fmt.Sprintf("a%d", g))
			mu.Lock()
			got = append(got, seqs...)
			mu.Unlock()
		})
	}
	wg.Wait()
	wantSeqs(t, s, c.ID, got, int64(1+senders*perSender))
}

// wantSeqs checks that the appends into a conversation started with one
// message got seqs 2..last between them, and that s stores 1..last.
func wantSeqs(t *testing.T, s store.Store, convID string, appended []int64, last int64) {
	t.Helper()
	slices.Sort(appended)
	equal(t, "appended seqs", appended, seqRange(2, last))
	conv, err := s.ConversationByID(t.Context(), convID)
	must(t, err)
	equal(t, "last seq", conv.LastSeq, last)
	equal(t, "stored seqs", seqs(allMessages(t, s, convID)), seqRange(1, last))
}

// sendMany appends perSender messages as one author, retrying some, and
// returns the seqs of the new ones.
func sendMany(t *testing.T, s store.Store, convID, author string) []int64 {
	var out []int64
	for i := range perSender {
		m := agentMsg(convID, author, fmt.Sprintf("%s-%d", author, i))
		msg, err := s.AppendMessage(t.Context(), m)
		if err != nil || !msg.Created {
			t.Errorf("append %s: created=%v err=%v", m.CMID, msg.Created, err)
			continue
		}
		out = append(out, msg.Seq)
		if i%retryEveryNth == 0 {
			retry, err := s.AppendMessage(t.Context(), m)
			if err != nil || retry.Created || retry.Seq != msg.Seq {
				t.Errorf("retry %s: seq %d created=%v err=%v, want seq %d", m.CMID, retry.Seq, retry.Created, err, msg.Seq)
			}
		}
	}
	return out
}

// allMessages pages through a conversation with MessagesAfter.
func allMessages(t *testing.T, s store.Store, convID string) []store.Message {
	t.Helper()
	var (
		all   []store.Message
		after int64
	)
	for {
		page, err := s.MessagesAfter(t.Context(), convID, after, 100)
		must(t, err)
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].Seq
	}
}

// testAppendMixedAtOnce sends, all at the same moment, new messages,
// copies of one message, and messages to a conversation that does not
// exist, as a busy node does: a store that stores appends together (group
// commit) must still give each its own outcome.
func testAppendMixedAtOnce(t *testing.T, s store.Store) {
	c := mustConv(t, s)
	const n = 40
	var (
		wg      sync.WaitGroup
		created = make([]store.Message, n)
		copies  = make([]store.Message, n)
		errs    = make([]error, 3*n)
	)
	for i := range n {
		wg.Go(func() {
			created[i], errs[i] = s.AppendMessage(t.Context(), agentMsg(c.ID, "a", fmt.Sprintf("new-%d", i)))
		})
		wg.Go(func() { copies[i], errs[n+i] = s.AppendMessage(t.Context(), agentMsg(c.ID, "a", "same")) })
		wg.Go(func() {
			_, errs[2*n+i] = s.AppendMessage(t.Context(), agentMsg("c_missing", "a", fmt.Sprintf("lost-%d", i)))
		})
	}
	wg.Wait()
	for _, err := range errs[:2*n] {
		must(t, err)
	}
	for i, err := range errs[2*n:] {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("append %d to a missing conversation: %v, want ErrNotFound", i, err)
		}
	}
	made := 0
	for _, m := range copies {
		if m.Created {
			made++
		}
		equal(t, "seq of a copy", m.Seq, copies[0].Seq)
	}
	equal(t, "copies stored", made, 1)
	got := []int64{copies[0].Seq}
	for _, m := range created {
		got = append(got, m.Seq)
	}
	wantSeqs(t, s, c.ID, got, int64(2+n))
}
