package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func conversationTests() []test {
	return []test{
		{"conversation/update patch", testUpdatePatch},
		{"conversation/invalid status", testUpdateInvalidStatus},
		{"conversation/mark read", testMarkRead},
		{"conversation/unknown", testConversationUnknown},
	}
}

func testUpdatePatch(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := mustConv(t, s)
	status, assignee, priority := "snoozed", "a_1", "high"
	tags := []string{"vip", "billing"}
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Millisecond)
	got, err := s.UpdateConversation(ctx, c.ID, store.ConversationPatch{Status: &status,
		Assignee: &assignee, Priority: &priority, Tags: &tags, SnoozedUntil: &until})
	must(t, err)
	want := c
	want.Status, want.Assignee, want.Priority, want.Tags, want.SnoozedUntil = status, assignee, priority, tags, until
	want.UpdatedAt = got.UpdatedAt
	equal(t, "patched", got, want)
	if got.UpdatedAt.Before(c.UpdatedAt) {
		t.Errorf("updated at moved back: %v < %v", got.UpdatedAt, c.UpdatedAt)
	}
	other := "a_2"
	got, err = s.UpdateConversation(ctx, c.ID, store.ConversationPatch{Assignee: &other})
	must(t, err)
	want.Assignee, want.UpdatedAt = other, got.UpdatedAt
	equal(t, "patched assignee only", got, want)
	reread, err := s.ConversationByID(ctx, c.ID)
	must(t, err)
	equal(t, "reread", reread, want)
}

func testUpdateInvalidStatus(t *testing.T, s store.Store) {
	c := mustConv(t, s)
	bad := "closed"
	_, err := s.UpdateConversation(t.Context(), c.ID, store.ConversationPatch{Status: &bad})
	if err == nil || errors.Is(err, store.ErrNotFound) {
		t.Fatalf("invalid status: err = %v, want a validation error", err)
	}
	got, err := s.ConversationByID(t.Context(), c.ID)
	must(t, err)
	equal(t, "status", got.Status, "open")
}

func testMarkRead(t *testing.T, s store.Store) {
	c := mustConv(t, s)
	for range 4 {
		mustAppend(t, s, agentMsg(c.ID, "a1", unique("m")))
	}
	steps := []struct {
		kind               string
		seq                int64
		visitorRead, agent int64
	}{
		{"visitor", 3, 3, 0},
		{"visitor", 2, 3, 0},  // never backwards
		{"agent", 4, 3, 4},    // agents have their own mark
		{"visitor", 99, 5, 4}, // never past the last message
		{"bot", 1, 5, 4},      // other kinds count as the agent side
		{"visitor", -1, 5, 4},
	}
	for _, st := range steps {
		got, err := s.MarkRead(t.Context(), c.ID, st.kind, st.seq)
		must(t, err)
		equal(t, "read seqs after "+st.kind, [2]int64{got.VisitorReadSeq, got.AgentReadSeq},
			[2]int64{st.visitorRead, st.agent})
	}
}

func testConversationUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.ConversationByID(ctx, "c_missing")
	wantIs(t, err, store.ErrNotFound)
	open := "open"
	_, err = s.UpdateConversation(ctx, "c_missing", store.ConversationPatch{Status: &open})
	wantIs(t, err, store.ErrNotFound)
	_, err = s.MarkRead(ctx, "c_missing", "visitor", 1)
	wantIs(t, err, store.ErrNotFound)
}
