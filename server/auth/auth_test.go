package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("hash %q is not argon2id", h)
	}
	if err := CheckPassword(h, "correct horse"); err != nil {
		t.Fatalf("right password rejected: %v", err)
	}
	if err := CheckPassword(h, "wrong"); !errors.Is(err, ErrBadPassword) {
		t.Fatalf("wrong password: got %v", err)
	}
}

func TestVerifyIdentity(t *testing.T) {
	tests := []struct {
		name, secret, user, hash string
		want                     bool
	}{
		{"valid", "s3cret", "u1", IdentityHash("s3cret", "u1"), true},
		{"other user", "s3cret", "u2", IdentityHash("s3cret", "u1"), false},
		{"no secret", "", "u1", IdentityHash("", "u1"), false},
		{"empty hash", "s3cret", "u1", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := VerifyIdentity(tt.secret, tt.user, tt.hash); got != tt.want {
				t.Fatalf("VerifyIdentity = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTokensAreDistinctAndHashed(t *testing.T) {
	a, b := NewAPIToken(), NewAPIToken()
	if a == b || !strings.HasPrefix(a, APITokenPrefix) {
		t.Fatalf("tokens %q %q", a, b)
	}
	if HashToken(a) == HashToken(b) || len(HashToken(a)) != 64 {
		t.Fatal("token hashes must be distinct hex SHA-256")
	}
}
