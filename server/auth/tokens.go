// Package auth holds Parley's credentials: API and visitor tokens (random,
// stored as SHA-256 hashes), agent passwords (argon2id) and verified visitor
// identity (HMAC-SHA256).
package auth

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/parley-chat/parley/server/store"
)

// Token prefixes make leaked credentials recognisable.
const (
	APITokenPrefix     = "pat_"
	VisitorTokenPrefix = "pvt_"
)

// NewAPIToken returns a fresh API token for an agent.
func NewAPIToken() string { return APITokenPrefix + store.RandomString(20) }

// NewVisitorToken returns a fresh opaque visitor token.
func NewVisitorToken() string { return VisitorTokenPrefix + store.RandomString(20) }

// HashToken returns the hex SHA-256 of a token: tokens carry 160 random
// bits, so a fast hash is enough and lookups stay indexable.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// SessionTokenPrefix marks console session tokens.
const SessionTokenPrefix = "pst_"

// NewSessionToken returns a fresh console session token.
func NewSessionToken() string { return SessionTokenPrefix + store.RandomString(24) }
