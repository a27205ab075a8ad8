package storetest

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func sessionTests() []test {
	return []test{
		{"session/create and get by hash", testSessionLookup},
		{"session/expired", testSessionExpired},
		{"session/disabled agent", testSessionDisabledAgent},
		{"session/touch", testSessionTouch},
		{"session/delete", testSessionDelete},
		{"session/delete agent sessions", testSessionDeleteAgent},
		{"session/duplicate hash", testSessionDuplicate},
		{"session/unknown agent", testSessionUnknownAgent},
	}
}

// mustSession creates a session for agentID that expires after ttl (which
// may be negative).
func mustSession(t *testing.T, s store.Store, agentID string, ttl time.Duration) store.Session {
	t.Helper()
	sess, err := s.CreateSession(t.Context(), store.Session{AgentID: agentID,
		TokenHash: unique("sh"), CSRF: unique("csrf"), ExpiresAt: time.Now().Add(ttl)})
	must(t, err)
	return sess
}

func testSessionLookup(t *testing.T, s store.Store) {
	a := mustAgent(t, s)
	expires := time.Now().Add(time.Hour)
	sess, err := s.CreateSession(t.Context(), store.Session{AgentID: a.ID, TokenHash: "sh1",
		CSRF: "csrf1", ExpiresAt: expires})
	must(t, err)
	if sess.ID == "" || sess.CreatedAt.IsZero() {
		t.Fatalf("CreateSession did not fill ID and CreatedAt: %+v", sess)
	}
	if d := sess.ExpiresAt.Sub(expires); d < -time.Second || d > time.Second {
		t.Errorf("ExpiresAt = %v, want about %v", sess.ExpiresAt, expires)
	}
	got, err := s.SessionByHash(t.Context(), "sh1")
	must(t, err)
	equal(t, "SessionByHash", got, sess)
	equal(t, "csrf", got.CSRF, "csrf1")
	equal(t, "agent", got.AgentID, a.ID)
}

func testSessionExpired(t *testing.T, s store.Store) {
	sess := mustSession(t, s, mustAgent(t, s).ID, -time.Minute)
	_, err := s.SessionByHash(t.Context(), sess.TokenHash)
	wantIs(t, err, store.ErrNotFound)
	_, err = s.SessionByHash(t.Context(), "no-such-hash")
	wantIs(t, err, store.ErrNotFound)
}

func testSessionDisabledAgent(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	sess := mustSession(t, s, a.ID, time.Hour)
	a.Disabled = true
	_, err := s.UpdateAgent(ctx, a)
	must(t, err)
	_, err = s.SessionByHash(ctx, sess.TokenHash)
	wantIs(t, err, store.ErrNotFound)
}

func testSessionTouch(t *testing.T, s store.Store) {
	ctx := t.Context()
	sess := mustSession(t, s, mustAgent(t, s).ID, -time.Second)
	_, err := s.SessionByHash(ctx, sess.TokenHash)
	wantIs(t, err, store.ErrNotFound)
	later := time.Now().Add(time.Hour)
	must(t, s.TouchSession(ctx, sess.ID, later))
	got, err := s.SessionByHash(ctx, sess.TokenHash)
	must(t, err)
	equal(t, "touched session id", got.ID, sess.ID)
	if d := got.ExpiresAt.Sub(later); d < -time.Second || d > time.Second {
		t.Errorf("ExpiresAt after touch = %v, want about %v", got.ExpiresAt, later)
	}
	wantIs(t, s.TouchSession(ctx, "sess_missing", later), store.ErrNotFound)
}

func testSessionDelete(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	gone, kept := mustSession(t, s, a.ID, time.Hour), mustSession(t, s, a.ID, time.Hour)
	must(t, s.DeleteSession(ctx, gone.ID))
	_, err := s.SessionByHash(ctx, gone.TokenHash)
	wantIs(t, err, store.ErrNotFound)
	_, err = s.SessionByHash(ctx, kept.TokenHash)
	must(t, err)
	must(t, s.DeleteSession(ctx, gone.ID)) // signing out twice is fine
	must(t, s.DeleteSession(ctx, "sess_missing"))
	wantIs(t, s.TouchSession(ctx, gone.ID, time.Now().Add(time.Hour)), store.ErrNotFound)
}

func testSessionDeleteAgent(t *testing.T, s store.Store) {
	ctx := t.Context()
	a, other := mustAgent(t, s), mustAgent(t, s)
	mine := []store.Session{mustSession(t, s, a.ID, time.Hour), mustSession(t, s, a.ID, time.Hour)}
	theirs := mustSession(t, s, other.ID, time.Hour)
	must(t, s.DeleteAgentSessions(ctx, a.ID))
	for _, sess := range mine {
		_, err := s.SessionByHash(ctx, sess.TokenHash)
		wantIs(t, err, store.ErrNotFound)
	}
	got, err := s.SessionByHash(ctx, theirs.TokenHash)
	must(t, err)
	equal(t, "other agent's session", got, theirs)
	must(t, s.DeleteAgentSessions(ctx, a.ID)) // none left
}

func testSessionDuplicate(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	sess := mustSession(t, s, a.ID, time.Hour)
	_, err := s.CreateSession(ctx, store.Session{AgentID: a.ID, TokenHash: sess.TokenHash,
		CSRF: "other", ExpiresAt: time.Now().Add(time.Hour)})
	wantIs(t, err, store.ErrConflict)
}

func testSessionUnknownAgent(t *testing.T, s store.Store) {
	_, err := s.CreateSession(t.Context(), store.Session{AgentID: "a_missing", TokenHash: "sh-orphan",
		CSRF: "c", ExpiresAt: time.Now().Add(time.Hour)})
	wantIs(t, err, store.ErrNotFound)
}
