package sqlstore

import (
	"errors"
	"maps"
)

// maxHeads bounds how many conversations the group commit remembers; past
// it, it forgets them all and reads each again once.
const maxHeads = 50_000

// errStaleHead fails a batch whose remembered head of a conversation no
// longer matched the row: something other than the group commit changed
// the conversation's status or seq in between. The batch is rolled back
// and its appends run again alone, reading the conversation.
var errStaleHead = errors.New("conversation changed since it was read")

// head is what the group commit knows of a conversation: enough to append
// to it without reading it first.
type head struct {
	last    int64  // last seq
	status  string // status
	visitor string // visitor_id, which never changes
}

// heads remembers the head of each conversation the group commit wrote, so
// that the next append to it skips the read. It is only a hint, and every
// use is checked by the statements themselves: a seq already taken fails
// the insert's unique (conversation, seq) index, a deleted conversation
// its foreign key, and the advance matches only the remembered seq and
// status (errStaleHead otherwise). Only the group commit's goroutine uses
// it.
type heads struct {
	known map[string]head // as of the last committed batch
	batch map[string]head // written by the batch in progress
}

func newHeads() *heads {
	return &heads{known: map[string]head{}, batch: map[string]head{}}
}

func (h *heads) get(conv string) (head, bool) {
	if x, ok := h.batch[conv]; ok {
		return x, true
	}
	x, ok := h.known[conv]
	return x, ok
}

// put records what the batch in progress wrote to conv.
func (h *heads) put(conv string, x head) { h.batch[conv] = x }

// forget drops conv, whose remembered head proved wrong.
func (h *heads) forget(conv string) {
	delete(h.batch, conv)
	delete(h.known, conv)
}

// committed keeps what the batch wrote, once it is committed.
func (h *heads) committed() {
	if len(h.known)+len(h.batch) > maxHeads {
		clear(h.known)
	}
	maps.Copy(h.known, h.batch)
	clear(h.batch)
}

// failed forgets everything after a batch that did not commit as a whole.
func (h *heads) failed() {
	clear(h.known)
	clear(h.batch)
}
