package store

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

// idEncoding's alphabet is in ASCII order, so encoded IDs sort as their
// bytes do.
var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns an identifier with a readable prefix, such as "c_01k…" for
// a conversation: 48 bits of the current Unix time in milliseconds, then 80
// random bits, so collisions stay negligible while IDs made close in time
// sort together. That keeps a busy database's writes near the end of its
// ID indexes instead of on a random page each.
func NewID(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16)
	_, _ = rand.Read(b[6:]) // crypto/rand.Read never fails on supported platforms
	return prefix + "_" + strings.ToLower(idEncoding.EncodeToString(b[:]))
}

// RandomString returns n random bytes encoded in lower-case base32.
func RandomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return strings.ToLower(idEncoding.EncodeToString(b))
}
