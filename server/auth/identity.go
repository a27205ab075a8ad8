package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// IdentityHash returns the hex HMAC-SHA256 of userID under secret: what a
// site's back end computes to vouch for a signed-in visitor.
func IdentityHash(secret, userID string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(userID))
	return hex.EncodeToString(mac.Sum(nil))
}

// VerifyIdentity reports whether hash vouches for userID under secret.
func VerifyIdentity(secret, userID, hash string) bool {
	if secret == "" || userID == "" || hash == "" {
		return false
	}
	want := IdentityHash(secret, userID)
	return hmac.Equal([]byte(want), []byte(hash))
}
