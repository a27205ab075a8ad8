package store

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns a random identifier with a readable prefix, such as
// "c_9x2k…" for a conversation. 80 random bits make collisions negligible.
func NewID(prefix string) string {
	return prefix + "_" + RandomString(10)
}

// RandomString returns n random bytes encoded in lower-case base32.
func RandomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return strings.ToLower(idEncoding.EncodeToString(b))
}
