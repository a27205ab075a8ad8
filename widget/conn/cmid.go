package conn

import (
	"crypto/rand"
	"time"
)

// cmidAlphabet is Crockford's base32 in lower case: its characters sort in
// the order of the values they stand for.
const cmidAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// newCMID returns a client message id: the time in milliseconds in 10
// characters, then 80 random bits in 16. Ids made later sort after earlier
// ones, so a node's repeat-check index, which leads with the cmid, grows
// at its end instead of on one page per conversation (see the SQLite
// migration 0006_cmid_order).
func newCMID(now time.Time) string {
	var b [26]byte
	ms := uint64(now.UnixMilli())
	for i := 9; i >= 0; i-- {
		b[i] = cmidAlphabet[ms&31]
		ms >>= 5
	}
	var r [16]byte
	_, _ = rand.Read(r[:]) // crypto/rand.Read never fails on supported platforms
	for i, x := range r {
		b[10+i] = cmidAlphabet[x&31]
	}
	return string(b[:])
}
