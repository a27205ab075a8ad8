package checker

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
)

// maxProblems bounds Report.Problems.
const maxProblems = 20

// Report is the verdict of a run.
type Report struct {
	Conversations int
	Messages      int // distinct (conv, seq) stored, acked or delivered
	Lost          int // (message, participant) pairs where the participant never saw the message
	Duplicates    int
	Holes         int // seqs missing from 1..N, in the store and in each client's view
	Unacked       int // sends never acked: reported, not a failure by itself
	Problems      []string
}

// String summarises the report on one line.
func (r Report) String() string {
	return fmt.Sprintf("conversations=%d messages=%d lost=%d duplicates=%d holes=%d unacked=%d",
		r.Conversations, r.Messages, r.Lost, r.Duplicates, r.Holes, r.Unacked)
}

// OK reports whether nothing was lost, duplicated or missing.
func (r Report) OK() bool { return r.Lost == 0 && r.Duplicates == 0 && r.Holes == 0 }

func (r *Report) problem(format string, args ...any) {
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// Report checks what was recorded against stored, the store's seqs per
// conversation in ascending order (nil when the store is not available).
func (c *Checker) Report(stored map[string][]int64) Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	var r Report
	views := c.views()
	r.countAll(stored, views)
	for conv := range c.expect {
		if _, ok := stored[conv]; !ok && !seenAnywhere(views, conv) {
			r.Conversations++ // a conversation nobody saw anything of
		}
	}
	c.lost(&r, c.storedOrAcked(stored))
	c.duplicates(&r, stored)
	holesInStore(&r, stored)
	holesInViews(&r, views)
	c.unacked(&r)
	return r
}

// views returns client → conv → seqs the client saw or acked.
func (c *Checker) views() map[string]map[string]map[int64]bool {
	out := map[string]map[string]map[int64]bool{}
	for client, byConv := range c.seen {
		out[client] = map[string]map[int64]bool{}
		for conv, sn := range byConv {
			seqs := map[int64]bool{}
			for seq := range sn.shown {
				seqs[seq] = true
			}
			for seq := range sn.own {
				seqs[seq] = true
			}
			out[client][conv] = seqs
		}
	}
	return out
}

// shownViews lists every message some client was shown, in order.
func (c *Checker) shownViews() []view {
	var out []view
	for client, byConv := range c.seen {
		for conv, sn := range byConv {
			for seq := range sn.shown {
				out = append(out, view{client, where{conv, seq}})
			}
		}
	}
	slices.SortFunc(out, func(a, b view) int {
		return cmp.Or(cmp.Compare(a.client, b.client), cmpWhere(a.where, b.where))
	})
	return out
}

func (r *Report) countAll(stored map[string][]int64, views map[string]map[string]map[int64]bool) {
	all := map[where]bool{}
	convs := map[string]bool{}
	for conv, seqs := range stored {
		convs[conv] = true
		for _, s := range seqs {
			all[where{conv, s}] = true
		}
	}
	for _, byConv := range views {
		for conv, seqs := range byConv {
			convs[conv] = true
			for s := range seqs {
				all[where{conv, s}] = true
			}
		}
	}
	r.Messages = len(all)
	r.Conversations = len(convs)
}

func seenAnywhere(views map[string]map[string]map[int64]bool, conv string) bool {
	for _, byConv := range views {
		if _, ok := byConv[conv]; ok {
			return true
		}
	}
	return false
}

// storedOrAcked returns every message the store holds or a sender was
// told is stored.
func (c *Checker) storedOrAcked(stored map[string][]int64) map[where]bool {
	out := map[where]bool{}
	for conv, seqs := range stored {
		for _, s := range seqs {
			out[where{conv, s}] = true
		}
	}
	for _, byConv := range c.seen {
		for conv, sn := range byConv {
			for seq := range sn.own {
				out[where{conv, seq}] = true
			}
		}
	}
	return out
}

// lost counts, for every message and every participant of its
// conversation, a participant that neither was shown it nor sent it.
func (c *Checker) lost(r *Report, msgs map[where]bool) {
	for _, w := range sortedWheres(msgs) {
		for _, client := range slices.Sorted(maps.Keys(c.expect[w.conv])) {
			v := view{client, w}
			if c.shown(v) == 0 && !c.own(v) {
				r.Lost++
				r.problem("lost: %s never got %s/%d", client, w.conv, w.seq)
			}
		}
	}
}

func (c *Checker) duplicates(r *Report, stored map[string][]int64) {
	for _, v := range c.shownViews() {
		if n := c.shown(v); n > 1 {
			r.Duplicates += n - 1
			r.problem("duplicate: %s was shown %s/%d %d times", v.client, v.conv, v.seq, n)
		}
		if c.own(v) {
			r.Duplicates++
			r.problem("duplicate: %s was shown its own %s/%d as a message", v.client, v.conv, v.seq)
		}
	}
	for _, cmid := range slices.Sorted(maps.Keys(c.cmidMore)) {
		if ws := c.cmidMore[cmid]; len(ws) > 1 {
			r.Duplicates += len(ws) - 1
			r.problem("duplicate: cmid %s became %d messages: %v", cmid, len(ws), sortedWheres(ws))
		}
	}
	for _, conv := range slices.Sorted(maps.Keys(stored)) {
		seqs := stored[conv]
		for i := 1; i < len(seqs); i++ {
			if seqs[i] == seqs[i-1] {
				r.Duplicates++
				r.problem("duplicate: the store holds %s/%d twice", conv, seqs[i])
			}
		}
	}
}

func holesInStore(r *Report, stored map[string][]int64) {
	for _, conv := range slices.Sorted(maps.Keys(stored)) {
		seqs := map[int64]bool{}
		for _, s := range stored[conv] {
			seqs[s] = true
		}
		r.holes("the store", conv, seqs)
	}
}

func holesInViews(r *Report, views map[string]map[string]map[int64]bool) {
	for _, client := range slices.Sorted(maps.Keys(views)) {
		for _, conv := range slices.Sorted(maps.Keys(views[client])) {
			r.holes(client, conv, views[client][conv])
		}
	}
}

// holes counts the seqs of 1..max(seqs) missing from seqs.
func (r *Report) holes(who, conv string, seqs map[int64]bool) {
	var top int64
	for s := range seqs {
		top = max(top, s)
	}
	var missing []int64
	for s := int64(1); s <= top; s++ {
		if !seqs[s] {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		r.Holes += len(missing)
		r.problem("holes: %s lacks %d of %s/1..%d, first %d", who, len(missing), conv, top, missing[0])
	}
}

func (c *Checker) unacked(r *Report) {
	for client, cmids := range c.sent {
		for cmid := range cmids {
			if !c.acked[client][cmid] {
				r.Unacked++
			}
		}
	}
}

func cmpWhere(a, b where) int {
	return cmp.Or(cmp.Compare(a.conv, b.conv), cmp.Compare(a.seq, b.seq))
}

func sortedWheres(m map[where]bool) []where {
	return slices.SortedFunc(maps.Keys(m), cmpWhere)
}
