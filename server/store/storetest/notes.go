package storetest

import (
	"testing"

	"github.com/parley-chat/parley/server/store"
)

func noteTests() []test {
	return []test{
		{"note/append idempotent and listed", testNotes},
		{"note/unknown conversation", testNotesUnknown},
	}
}

func testNotes(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := mustConv(t, s)
	n := store.NewMessage{ConvID: c.ID, AuthorKind: "agent", AuthorID: "a1", AuthorName: "Ann",
		CMID: "n1", Body: "VIP customer"}
	first, err := s.AppendNote(ctx, n)
	must(t, err)
	if !first.Created || first.ID == "" || first.At.IsZero() {
		t.Fatalf("AppendNote returned %+v", first)
	}
	again, err := s.AppendNote(ctx, n)
	must(t, err)
	equal(t, "retried note id", again.ID, first.ID)
	equal(t, "retried note created", again.Created, false)
	tick()
	n.CMID, n.Body = "n2", "refund approved"
	second, err := s.AppendNote(ctx, n)
	must(t, err)
	notes, err := s.Notes(ctx, c.ID)
	must(t, err)
	first.Created, second.Created = false, false
	equal(t, "notes", notes, []store.Note{first, second})
	conv, err := s.ConversationByID(ctx, c.ID)
	must(t, err)
	equal(t, "notes take no seq", conv.LastSeq, int64(1))
	empty, err := s.Notes(ctx, mustConv(t, s).ID)
	must(t, err)
	equal(t, "notes of a new conversation", len(empty), 0)
}

func testNotesUnknown(t *testing.T, s store.Store) {
	_, err := s.AppendNote(t.Context(), store.NewMessage{ConvID: "c_missing", AuthorKind: "agent",
		AuthorID: "a1", CMID: "n", Body: "x"})
	wantIs(t, err, store.ErrNotFound)
	_, err = s.Notes(t.Context(), "c_missing")
	wantIs(t, err, store.ErrNotFound)
}
