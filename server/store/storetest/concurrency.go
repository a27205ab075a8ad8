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

// testStartMixedAtOnce starts, all at the same moment, conversations for
// new visitors, copies of one start, starts for a visitor the site does
// not know, and appends to an open conversation, as a node does when a
// campaign lands many visitors at once: each gets its own outcome, and
// the copies one conversation.
func testStartMixedAtOnce(t *testing.T, s store.Store) {
	site := mustSite(t, s)
	open := mustConv(t, s)
	retrier := mustVisitor(t, s, site.ID)
	const n = 30
	var (
		wg       sync.WaitGroup
		visitors = make([]store.Visitor, n)
		started  = make([]store.Conversation, n)
		copies   = make([]store.Conversation, n)
		firsts   = make([]store.Message, n)
		appended = make([]int64, n)
		errs     = make([]error, 4*n)
	)
	for i := range n {
		visitors[i] = mustVisitor(t, s, site.ID)
	}
	for i := range n {
		wg.Go(func() {
			started[i], _, errs[i] = s.StartConversation(t.Context(), site.ID, visitors[i].ID, visitorMsg("", visitors[i].ID, "hi"))
		})
		wg.Go(func() {
			copies[i], firsts[i], errs[n+i] = s.StartConversation(t.Context(), site.ID, retrier.ID, visitorMsg("", retrier.ID, "same"))
		})
		wg.Go(func() {
			_, _, errs[2*n+i] = s.StartConversation(t.Context(), site.ID, "v_missing", visitorMsg("", "v_missing", fmt.Sprint(i)))
		})
		wg.Go(func() {
			m, err := s.AppendMessage(t.Context(), agentMsg(open.ID, "a", fmt.Sprintf("m-%d", i)))
			appended[i], errs[3*n+i] = m.Seq, err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if i/n == 2 {
			wantIs(t, err, store.ErrNotFound)
		} else {
			must(t, err)
		}
	}
	ids := map[string]bool{}
	for i, c := range started {
		equal(t, "started for", c.VisitorID, visitors[i].ID)
		ids[c.ID] = true
	}
	equal(t, "distinct conversations", len(ids), n)
	made := 0
	for i, c := range copies {
		equal(t, "conversation of a copy", c.ID, copies[0].ID)
		equal(t, "first message of a copy", firsts[i].Seq, int64(1))
		if firsts[i].Created {
			made++
		}
	}
	equal(t, "copies stored", made, 1)
	wantSeqs(t, s, copies[0].ID, []int64{}, 1)
	wantSeqs(t, s, open.ID, appended, int64(1+n))
}
