package storetest

import (
	"errors"
	"testing"

	"github.com/parley-chat/parley/server/store"
)

func startTests() []test {
	return []test{
		{"start/creates open conversation with seq 1", testStart},
		{"start/retry with same cmid", testStartRetry},
		{"start/unknown visitor or wrong site", testStartUnknown},
		{"start/mixed with appends at once", testStartMixedAtOnce},
	}
}

func testStart(t *testing.T, s store.Store) {
	site := mustSite(t, s)
	v := mustVisitor(t, s, site.ID)
	c, m, err := s.StartConversation(t.Context(), site.ID, v.ID, visitorMsg("", v.ID, "first"))
	must(t, err)
	equal(t, "site", c.SiteID, site.ID)
	equal(t, "visitor", c.VisitorID, v.ID)
	equal(t, "status", c.Status, "open")
	equal(t, "last seq", c.LastSeq, int64(1))
	equal(t, "message conv", m.ConvID, c.ID)
	equal(t, "message seq", m.Seq, int64(1))
	equal(t, "message created", m.Created, true)
	equal(t, "message cmid and body", [2]string{m.CMID, m.Body}, [2]string{"first", "hello first"})
	if c.ID == "" || m.ID == "" || m.At.IsZero() || c.CreatedAt.IsZero() {
		t.Errorf("missing ids or times: %+v %+v", c, m)
	}
	got, err := s.ConversationByID(t.Context(), c.ID)
	must(t, err)
	equal(t, "ConversationByID", got, c)
}

func testStartRetry(t *testing.T, s store.Store) {
	ctx := t.Context()
	site := mustSite(t, s)
	v := mustVisitor(t, s, site.ID)
	c1, m1, err := s.StartConversation(ctx, site.ID, v.ID, visitorMsg("", v.ID, "same"))
	must(t, err)
	c2, m2, err := s.StartConversation(ctx, site.ID, v.ID, visitorMsg("", v.ID, "same"))
	must(t, err)
	equal(t, "retried conversation id", c2.ID, c1.ID)
	equal(t, "retried message id", m2.ID, m1.ID)
	equal(t, "retried message seq", m2.Seq, int64(1))
	equal(t, "retried message created", m2.Created, false)
	msgs, err := s.MessagesAfter(ctx, c1.ID, 0, 0)
	must(t, err)
	equal(t, "messages after retry", len(msgs), 1)
	c3, _, err := s.StartConversation(ctx, site.ID, v.ID, visitorMsg("", v.ID, "other"))
	must(t, err)
	if c3.ID == c1.ID {
		t.Error("a new cmid reused the old conversation")
	}
}

func testStartUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	site := mustSite(t, s)
	_, _, err := s.StartConversation(ctx, site.ID, "v_missing", visitorMsg("", "v_missing", "x"))
	wantIs(t, err, store.ErrNotFound)
	v := mustVisitor(t, s, mustSite(t, s).ID) // visitor of another site
	_, _, err = s.StartConversation(ctx, site.ID, v.ID, visitorMsg("", v.ID, "x"))
	wantIs(t, err, store.ErrNotFound)
}

func appendTests() []test {
	return []test{
		{"append/seq 1..N without holes", testAppendSeq},
		{"append/retry with same cmid", testAppendRetry},
		{"append/empty cmid is never deduplicated", testAppendEmptyCMID},
		{"append/concurrent", testAppendConcurrent},
		{"append/mixed at once", testAppendMixedAtOnce},
		{"append/another visitor's conversation", testAppendOthersConversation},
		{"append/reopen", testAppendReopen},
		{"append/unknown conversation", testAppendUnknown},
	}
}

func testAppendSeq(t *testing.T, s store.Store) {
	c := mustConv(t, s)
	got := []int64{1}
	for range 9 {
		m := mustAppend(t, s, agentMsg(c.ID, "a1", unique("m")))
		equal(t, "created", m.Created, true)
		got = append(got, m.Seq)
	}
	equal(t, "seqs", got, seqRange(1, 10))
	c2, err := s.ConversationByID(t.Context(), c.ID)
	must(t, err)
	equal(t, "last seq", c2.LastSeq, int64(10))
	if c2.UpdatedAt.Before(c.UpdatedAt) {
		t.Errorf("updated at moved back: %v < %v", c2.UpdatedAt, c.UpdatedAt)
	}
}

func testAppendRetry(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := mustConv(t, s)
	first := mustAppend(t, s, agentMsg(c.ID, "a1", "retry-me"))
	mustAppend(t, s, agentMsg(c.ID, "a1", "later"))
	again := mustAppend(t, s, agentMsg(c.ID, "a1", "retry-me"))
	equal(t, "retried id", again.ID, first.ID)
	equal(t, "retried seq", again.Seq, first.Seq)
	equal(t, "retried created", again.Created, false)
	conv, err := s.ConversationByID(ctx, c.ID)
	must(t, err)
	equal(t, "last seq after retry", conv.LastSeq, int64(3))
	// The same cmid from another author is a different message.
	other := mustAppend(t, s, agentMsg(c.ID, "a2", "retry-me"))
	equal(t, "other author's seq", other.Seq, int64(4))
	equal(t, "other author's created", other.Created, true)
}

func testAppendEmptyCMID(t *testing.T, s store.Store) {
	c := mustConv(t, s)
	a := mustAppend(t, s, agentMsg(c.ID, "a1", ""))
	b := mustAppend(t, s, agentMsg(c.ID, "a1", ""))
	equal(t, "seqs", []int64{a.Seq, b.Seq}, []int64{2, 3})
	equal(t, "both created", a.Created && b.Created, true)
}

func testAppendReopen(t *testing.T, s store.Store) {
	cases := []struct {
		status, author string
		reopened       bool
		after          string
	}{
		{"resolved", "visitor", true, "open"},
		{"snoozed", "visitor", true, "open"},
		{"pending", "visitor", false, "pending"},
		{"open", "visitor", false, "open"},
		{"resolved", "agent", false, "resolved"},
		{"snoozed", "agent", false, "snoozed"},
	}
	for _, tc := range cases {
		t.Run(tc.status+" by "+tc.author, func(t *testing.T) {
			c := mustConv(t, s)
			_, err := s.UpdateConversation(t.Context(), c.ID, store.ConversationPatch{Status: &tc.status})
			must(t, err)
			m := store.NewMessage{ConvID: c.ID, AuthorKind: tc.author, AuthorID: c.VisitorID,
				CMID: unique("m"), Body: "back again"}
			got := mustAppend(t, s, m)
			equal(t, "reopened", got.Reopened, tc.reopened)
			conv, err := s.ConversationByID(t.Context(), c.ID)
			must(t, err)
			equal(t, "status after", conv.Status, tc.after)
			retry := mustAppend(t, s, m)
			equal(t, "retry reopened", retry.Reopened, false)
		})
	}
}

func testAppendUnknown(t *testing.T, s store.Store) {
	_, err := s.AppendMessage(t.Context(), agentMsg("c_missing", "a1", "x"))
	wantIs(t, err, store.ErrNotFound)
}

// testAppendOthersConversation: a visitor's message is not stored in
// another visitor's conversation; it is ErrNotFound and takes no seq.
func testAppendOthersConversation(t *testing.T, s store.Store) {
	c := mustConv(t, s)
	_, err := s.AppendMessage(t.Context(), visitorMsg(c.ID, "v_someone_else", "intruder"))
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("append to another visitor's conversation: %v, want ErrNotFound", err)
	}
	got, err := s.ConversationByID(t.Context(), c.ID)
	must(t, err)
	equal(t, "last seq", got.LastSeq, int64(1))
}
