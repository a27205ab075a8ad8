package chat_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// TestSnoozeWaker: the loop reopens a conversation whose snooze has run
// out and publishes its status to the visitor and the agents, once; one
// snoozed for later stays; the loop stops with its context.
func TestSnoozeWaker(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	visitor := &events{}
	if err := f.hub.Subscribe(ctx, visitor, "visitor:"+f.visitors[0].ID); err != nil {
		t.Fatal(err)
	}
	due, err := f.svc.VisitorSend(ctx, f.visitors[0], "", "c1", "hello", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	later, err := f.svc.VisitorSend(ctx, f.visitors[1], "", "c1", "hello", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	snoozed := protocol.StatusSnoozed
	for conv, until := range map[string]time.Time{due.ConvID: time.Now().Add(50 * time.Millisecond), later.ConvID: time.Now().Add(time.Hour)} {
		if _, err := f.svc.Update(ctx, conv, store.ConversationPatch{Status: &snoozed, SnoozedUntil: &until}); err != nil {
			t.Fatal(err)
		}
	}
	before, seenByVisitor := f.agents.count(), visitor.count()

	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); f.svc.RunSnoozeWaker(wctx, 10*time.Millisecond) }()
	deadline := time.Now().Add(5 * time.Second)
	for f.agents.count() == before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // a few more scans: nothing more to announce
	stop()
	<-done

	c, err := f.st.ConversationByID(ctx, due.ConvID)
	if err != nil || c.Status != protocol.StatusOpen || !c.SnoozedUntil.IsZero() {
		t.Fatalf("the due conversation: %+v, %v; want open", c, err)
	}
	if c, _ := f.st.ConversationByID(ctx, later.ConvID); c.Status != protocol.StatusSnoozed {
		t.Fatalf("the later conversation is %q, want still snoozed", c.Status)
	}
	agentEvents := f.agents.since(before)
	if len(agentEvents) != 1 || agentEvents[0].Conv != due.ConvID || visitor.count() != seenByVisitor+1 {
		t.Fatalf("published %+v to agents and %d to the visitor; want one status each", agentEvents, visitor.count()-seenByVisitor)
	}
	st, err := protocol.DecodeServer(agentEvents[0].Frame)
	if s, ok := st.(*protocol.Status); err != nil || !ok || s.Status != protocol.StatusOpen {
		t.Fatalf("published frame %T %+v, %v; want a status open", st, st, err)
	}
}

func (e *events) since(n int) []hub.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]hub.Event(nil), e.got[n:]...)
}
