package storetest

import (
	"testing"

	"github.com/parley-chat/parley/server/store"
)

func pagingTests() []test {
	return []test{
		{"messages/after and before", testPaging},
		{"messages/unknown conversation", testPagingUnknown},
	}
}

func testPaging(t *testing.T, s store.Store) {
	c := mustConv(t, s)
	for range 9 {
		mustAppend(t, s, agentMsg(c.ID, "a1", unique("m")))
	}
	cases := []struct {
		name  string
		after bool
		from  int64
		limit int
		want  []int64
	}{
		{"after 0, default limit", true, 0, 0, seqRange(1, 10)},
		{"after 3 limit 4", true, 3, 4, seqRange(4, 7)},
		{"after 8 limit 10", true, 8, 10, seqRange(9, 10)},
		{"after last", true, 10, 5, []int64{}},
		{"newest 3", false, 0, 3, seqRange(8, 10)},
		{"before 8 limit 3", false, 8, 3, seqRange(5, 7)},
		{"before 3 limit 10", false, 3, 10, seqRange(1, 2)},
		{"before 1", false, 1, 10, []int64{}},
		{"newest, default limit", false, 0, -1, seqRange(1, 10)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var (
				msgs []store.Message
				err  error
			)
			if tc.after {
				msgs, err = s.MessagesAfter(t.Context(), c.ID, tc.from, tc.limit)
			} else {
				msgs, err = s.MessagesBefore(t.Context(), c.ID, tc.from, tc.limit)
			}
			must(t, err)
			equal(t, "seqs", seqs(msgs), tc.want)
		})
	}
}

func testPagingUnknown(t *testing.T, s store.Store) {
	_, err := s.MessagesAfter(t.Context(), "c_missing", 0, 10)
	wantIs(t, err, store.ErrNotFound)
	_, err = s.MessagesBefore(t.Context(), "c_missing", 0, 10)
	wantIs(t, err, store.ErrNotFound)
}
