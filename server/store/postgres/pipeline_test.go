package postgres

import (
	"fmt"
	"sync"
	"testing"

	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/store"
)

// TestPipelineMixedBatch sends, all at once, new messages to many
// conversations, repeats of each, and messages to a conversation that is
// not there, so that batches hold appends the pipeline cannot decide and
// CMID races that fail a whole batch. Every append must still get its own
// right outcome: one stored message per CMID, gap-free seqs, repeats
// answered with the original, the unknown conversation refused.
func TestPipelineMixedBatch(t *testing.T) {
	s := openAt(t, testenv.PostgresSchema(t))
	ctx := t.Context()
	site, err := s.CreateSite(ctx, store.Site{Name: "pipe"})
	if err != nil {
		t.Fatal(err)
	}
	const convs, perConv = 8, 20
	ids := make([]string, convs)
	for i := range ids {
		v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: store.RandomString(8)})
		if err != nil {
			t.Fatal(err)
		}
		c, _, err := s.StartConversation(ctx, site.ID, v.ID, store.NewMessage{AuthorKind: "visitor", AuthorID: v.ID, CMID: "s", Body: "hi"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = c.ID
	}
	type result struct {
		msg store.Message
		err error
	}
	var (
		mu   sync.Mutex
		got  = map[string][]result{} // conv/cmid → every outcome
		wg   sync.WaitGroup
		send = func(conv, cmid string) {
			m, err := s.AppendMessage(ctx, store.NewMessage{ConvID: conv, AuthorKind: "agent", AuthorID: "a1", CMID: cmid, Body: "b"})
			mu.Lock()
			got[conv+"/"+cmid] = append(got[conv+"/"+cmid], result{m, err})
			mu.Unlock()
		}
	)
	for _, conv := range ids {
		for k := range perConv {
			cmid := fmt.Sprint("m", k)
			wg.Go(func() { send(conv, cmid) })
			wg.Go(func() { send(conv, cmid) }) // a retry racing the original
		}
	}
	var unknown error
	wg.Go(func() {
		_, unknown = s.AppendMessage(ctx, store.NewMessage{ConvID: "c_none", AuthorKind: "agent", AuthorID: "a1", CMID: "x", Body: "b"})
	})
	wg.Wait()
	if unknown == nil {
		t.Error("an append to an unknown conversation succeeded")
	}
	for key, rs := range got {
		if len(rs) != 2 || rs[0].err != nil || rs[1].err != nil {
			t.Fatalf("%s: outcomes %+v", key, rs)
		}
		if rs[0].msg.Seq != rs[1].msg.Seq || rs[0].msg.ID != rs[1].msg.ID || rs[0].msg.Created == rs[1].msg.Created {
			t.Errorf("%s: want one created message and its repeat, got %+v and %+v", key, rs[0].msg, rs[1].msg)
		}
	}
	for _, conv := range ids {
		msgs, err := s.MessagesAfter(ctx, conv, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != perConv+1 {
			t.Fatalf("%s: %d messages stored, want %d", conv, len(msgs), perConv+1)
		}
		for i, m := range msgs {
			if m.Seq != int64(i+1) {
				t.Fatalf("%s: seq %d at position %d: a hole or a duplicate", conv, m.Seq, i)
			}
		}
	}
}
