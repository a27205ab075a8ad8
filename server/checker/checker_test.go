package checker

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// clean records a healthy run: visitor v sent seqs 1 and 3 of c1, agent a
// sent 2; each saw the other's messages.
func clean(c *Checker) {
	c.Expect("v", "c1")
	c.Expect("a", "c1")
	c.Sent("v", "v1")
	c.Acked("v", "c1", "v1", 1)
	c.Delivered("a", "c1", 1, "v1")
	c.Sent("a", "a1")
	c.Acked("a", "c1", "a1", 2)
	c.Delivered("v", "c1", 2, "a1")
	c.Sent("v", "v2")
	c.Acked("v", "c1", "v2", 3)
	c.Delivered("a", "c1", 3, "v2")
}

func TestReport(t *testing.T) {
	store := map[string][]int64{"c1": {1, 2, 3}}
	tests := []struct {
		name    string
		extra   func(c *Checker)
		stored  map[string][]int64
		want    Report // counts only
		problem string // a substring of one of the problems
	}{
		{"clean", nil, store, Report{Conversations: 1, Messages: 3}, ""},
		{"clean without the store", nil, nil, Report{Conversations: 1, Messages: 3}, ""},
		{"unacked is not a failure", func(c *Checker) { c.Sent("v", "v9") }, store,
			Report{Conversations: 1, Messages: 3, Unacked: 1}, ""},
		{"acked, never delivered", func(c *Checker) {
			c.Acked("v", "c1", "v3", 4)
		}, map[string][]int64{"c1": {1, 2, 3, 4}}, Report{Conversations: 1, Messages: 4, Lost: 1}, "lost: a never got c1/4"},
		{"stored, never delivered to anyone", nil, map[string][]int64{"c1": {1, 2, 3, 4}},
			Report{Conversations: 1, Messages: 4, Lost: 2}, "lost: a never got c1/4"},
		{"a later participant", func(c *Checker) { c.Expect("b", "c1") }, store,
			Report{Conversations: 1, Messages: 3, Lost: 3}, "lost: b never got c1/1"},
		{"shown twice", func(c *Checker) { c.Delivered("v", "c1", 2, "a1") }, store,
			Report{Conversations: 1, Messages: 3, Duplicates: 1}, "shown c1/2 2 times"},
		{"shown its own", func(c *Checker) { c.Delivered("v", "c1", 1, "v1") }, store,
			Report{Conversations: 1, Messages: 3, Duplicates: 1}, "its own c1/1"},
		{"retry made a second message", func(c *Checker) {
			c.Delivered("v", "c1", 4, "a1")
		}, map[string][]int64{"c1": {1, 2, 3, 4}}, Report{Conversations: 1, Messages: 4, Duplicates: 1, Lost: 1}, "cmid a1 became 2 messages: [c1/2 c1/4]"},
		{"acked with two seqs", func(c *Checker) { c.Acked("v", "c1", "v1", 4) }, nil,
			Report{Conversations: 1, Messages: 4, Duplicates: 1, Lost: 1}, "cmid v1 became 2"},
		{"same ack twice is fine", func(c *Checker) { c.Acked("v", "c1", "v1", 1) }, store,
			Report{Conversations: 1, Messages: 3}, ""},
		{"store holds a seq twice", nil, map[string][]int64{"c1": {1, 2, 2, 3}},
			Report{Conversations: 1, Messages: 3, Duplicates: 1}, "holds c1/2 twice"},
		{"hole in the store", nil, map[string][]int64{"c1": {1, 3}},
			Report{Conversations: 1, Messages: 3, Holes: 1}, "the store lacks 1 of c1/1..3, first 2"},
		{"hole in a view", func(c *Checker) {
			c.Acked("a", "c1", "a2", 5)
			c.Delivered("v", "c1", 5, "a2")
			c.Delivered("a", "c1", 4, "x")
			c.Delivered("v", "c1", 4, "x")
		}, nil, Report{Conversations: 1, Messages: 5}, ""},
		{"view misses one", func(c *Checker) {
			c.Acked("a", "c1", "a2", 5)
			c.Delivered("v", "c1", 5, "a2")
		}, nil, Report{Conversations: 1, Messages: 4, Holes: 2}, "holes: a lacks 1 of c1/1..5, first 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			clean(c)
			if tt.extra != nil {
				tt.extra(c)
			}
			r := c.Report(tt.stored)
			got := r
			got.Problems = nil
			if got.String() != tt.want.String() {
				t.Fatalf("got  %s\nwant %s\n%s", got, tt.want, strings.Join(r.Problems, "\n"))
			}
			if r.OK() != (tt.problem == "") {
				t.Errorf("OK = %v with problems %q", r.OK(), r.Problems)
			}
			if tt.problem != "" && !slices.ContainsFunc(r.Problems, func(p string) bool { return strings.Contains(p, tt.problem) }) {
				t.Errorf("problems %q, want one containing %q", r.Problems, tt.problem)
			}
		})
	}
}

func TestReportString(t *testing.T) {
	r := Report{Conversations: 2, Messages: 9, Unacked: 1}
	if s := r.String(); s != "conversations=2 messages=9 lost=0 duplicates=0 holes=0 unacked=1" {
		t.Fatal(s)
	}
}

func TestProblemsCapped(t *testing.T) {
	c := New()
	c.Expect("v", "c1")
	for s := int64(1); s <= 50; s++ {
		c.Acked("a", "c1", "", s)
	}
	r := c.Report(nil)
	if r.Lost != 50 || len(r.Problems) != maxProblems {
		t.Fatalf("lost %d, %d problems", r.Lost, len(r.Problems))
	}
}

func TestHookConcurrent(t *testing.T) {
	c := New()
	var seen int
	hook := Chain(c.Hook("v"), nil, func(conn.Event) { seen++ })
	at := time.Now()
	var wg sync.WaitGroup
	for s := int64(1); s <= 40; s++ {
		wg.Go(func() {
			c.Hook("a")(conn.Event{Kind: conn.EventAck, Ack: &protocol.Ack{Conv: "c1", CMID: "a" + string(rune('A'+s)), Seq: s, At: at}})
		})
	}
	wg.Wait()
	c.Expect("v", "c1")
	for s := int64(1); s <= 40; s++ {
		msg := &protocol.Message{Conv: "c1", Seq: s, Msg: protocol.Msg{Seq: s, CMID: "a" + string(rune('A'+s))}}
		hook(conn.Event{Kind: conn.EventMessage, Conv: "c1", Message: msg})
	}
	hook(conn.Event{Kind: conn.EventAck, Note: true, Ack: &protocol.Ack{Conv: "c1", CMID: "n1"}})
	if r := c.Report(nil); !r.OK() || r.Messages != 40 || seen != 41 {
		t.Fatalf("%s %q seen %d", r, r.Problems, seen)
	}
}

// BenchmarkRecord is the load generator's share of a message: its
// sender's ack and its delivery to the other participant and an agent.
func BenchmarkRecord(b *testing.B) {
	c := New()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		conv, cmid := "c"+strconv.Itoa(i%1000), "m"+strconv.Itoa(i)
		seq := int64(i/1000 + 1)
		c.Sent("v", cmid)
		c.Acked("v", conv, cmid, seq)
		c.Delivered("a1", conv, seq, cmid)
		c.Delivered("a2", conv, seq, cmid)
	}
}
