package conn

import (
	"fmt"
	"slices"
	"testing"

	"github.com/parley-chat/parley/shared/protocol"
)

// op is one step of a Seqs table test: m = message, a = ack, s = start,
// w = want. emit lists the seqs the step must release, in order.
type op struct {
	kind byte
	seq  int64
	emit []int64
}

func TestSeqs(t *testing.T) {
	tests := []struct {
		name     string
		ops      []op
		last     int64
		from, to int64 // expected first gap; 0, 0 = none
	}{
		{"in order", []op{{'m', 1, []int64{1}}, {'m', 2, []int64{2}}, {'m', 3, []int64{3}}}, 3, 0, 0},
		{"duplicates dropped", []op{{'m', 1, []int64{1}}, {'m', 1, nil}, {'m', 2, []int64{2}}, {'m', 1, nil}, {'m', 2, nil}}, 2, 0, 0},
		{"gap buffers then releases", []op{{'m', 1, []int64{1}}, {'m', 3, nil}, {'m', 2, []int64{2, 3}}}, 3, 0, 0},
		{"gap reported", []op{{'m', 1, []int64{1}}, {'m', 4, nil}}, 1, 2, 3},
		{"gaps filled one by one", []op{{'m', 1, []int64{1}}, {'m', 4, nil}, {'m', 6, nil}, {'m', 2, []int64{2}}, {'m', 3, []int64{3, 4}}}, 4, 5, 5},
		{"buffered duplicate released once", []op{{'m', 1, []int64{1}}, {'m', 3, nil}, {'m', 3, nil}, {'m', 2, []int64{2, 3}}}, 3, 0, 0},
		{"first message beyond a gap", []op{{'m', 3, nil}}, 0, 1, 2},
		{"own ack in order", []op{{'a', 1, nil}, {'m', 2, []int64{2}}}, 2, 0, 0},
		{"ack ahead", []op{{'m', 1, []int64{1}}, {'a', 3, nil}, {'m', 2, []int64{2}}, {'m', 3, nil}}, 3, 0, 0},
		{"ack ahead leaves a gap", []op{{'m', 1, []int64{1}}, {'a', 3, nil}}, 1, 2, 2},
		{"ack releases buffered", []op{{'m', 1, []int64{1}}, {'m', 3, nil}, {'a', 2, []int64{3}}}, 3, 0, 0},
		{"ack fills gap before buffered", []op{{'m', 1, []int64{1}}, {'m', 4, nil}, {'a', 3, nil}, {'m', 2, []int64{2, 4}}}, 4, 0, 0},
		{"ack replaces buffered own copy", []op{{'m', 1, []int64{1}}, {'m', 3, nil}, {'a', 3, nil}, {'m', 2, []int64{2}}}, 3, 0, 0},
		{"old ack ignored", []op{{'m', 1, []int64{1}}, {'m', 2, []int64{2}}, {'a', 1, nil}}, 2, 0, 0},
		{"start", []op{{'s', 5, nil}, {'m', 5, nil}, {'m', 6, []int64{6}}}, 6, 0, 0},
		{"start on a known conv is ignored", []op{{'m', 1, []int64{1}}, {'s', 10, nil}, {'m', 2, []int64{2}}}, 2, 0, 0},
		{"want opens a gap", []op{{'s', 0, nil}, {'w', 3, nil}}, 0, 1, 3},
		{"want partly filled", []op{{'s', 0, nil}, {'w', 3, nil}, {'m', 1, []int64{1}}}, 1, 2, 3},
		{"want and buffered", []op{{'s', 0, nil}, {'w', 5, nil}, {'m', 8, nil}}, 0, 1, 5},
		{"past want, the gap to buffered", []op{{'s', 5, nil}, {'w', 5, nil}, {'m', 8, nil}}, 5, 6, 7},
		{"buffered below want", []op{{'s', 0, nil}, {'w', 9, nil}, {'m', 4, nil}}, 0, 1, 3},
		{"want met", []op{{'s', 0, nil}, {'w', 2, nil}, {'m', 1, []int64{1}}, {'m', 2, []int64{2}}}, 2, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSeqs()
			for i, o := range tt.ops {
				if got := seqsOf(apply(s, o)); !slices.Equal(got, o.emit) {
					t.Fatalf("op %d %c%d released %v, want %v", i, o.kind, o.seq, got, o.emit)
				}
			}
			if got := s.Last("c"); got != tt.last {
				t.Errorf("Last = %d, want %d", got, tt.last)
			}
			from, to, _ := s.Gap("c")
			if from != tt.from || to != tt.to {
				t.Errorf("Gap = %d..%d, want %d..%d", from, to, tt.from, tt.to)
			}
		})
	}
}

func apply(s *Seqs, o op) []*protocol.Message {
	switch o.kind {
	case 'm':
		return s.Message(&protocol.Message{Conv: "c", Seq: o.seq, Msg: protocol.Msg{Seq: o.seq}})
	case 'a':
		return s.Ack("c", o.seq)
	case 's':
		s.Start("c", o.seq)
	case 'w':
		s.Want("c", o.seq)
	}
	return nil
}

func seqsOf(ms []*protocol.Message) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.Seq)
	}
	return out
}

func TestSeqsResumeLimit(t *testing.T) {
	s := NewSeqs()
	for i := range 5 {
		s.Start(fmt.Sprintf("c%d", i), int64(i))
	}
	s.Message(&protocol.Message{Conv: "c0", Seq: 1}) // c0 becomes the most recent
	got := s.Resume(2)
	want := map[string]int64{"c0": 1, "c4": 4}
	if len(got) != len(want) || got["c0"] != 1 || got["c4"] != 4 {
		t.Fatalf("Resume(2) = %v, want %v", got, want)
	}
	if all := s.Resume(10); len(all) != 5 {
		t.Fatalf("Resume(10) has %d entries, want 5", len(all))
	}
	if _, _, ok := s.Gap("unknown"); ok || s.Known("unknown") {
		t.Fatal("an unknown conversation has state")
	}
}
