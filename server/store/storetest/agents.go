package storetest

import (
	"testing"

	"github.com/parley-chat/parley/server/store"
)

func agentTests() []test {
	return []test{
		{"agent/create and get", testAgentCreate},
		{"agent/email is case-insensitive", testAgentEmailCase},
		{"agent/duplicate email", testAgentDuplicateEmail},
		{"agent/update and disable", testAgentUpdate},
		{"agent/list", testAgentList},
		{"agent/unknown", testAgentUnknown},
	}
}

func testAgentCreate(t *testing.T, s store.Store) {
	ctx := t.Context()
	a, err := s.CreateAgent(ctx, store.Agent{Email: "ann@example.com", Name: "Ann",
		Role: store.RoleOwner, PasswordHash: "argon2id$x"})
	must(t, err)
	if a.ID == "" || a.CreatedAt.IsZero() {
		t.Fatalf("CreateAgent did not fill ID and CreatedAt: %+v", a)
	}
	got, err := s.AgentByID(ctx, a.ID)
	must(t, err)
	equal(t, "AgentByID", got, a)
	equal(t, "role", got.Role, store.RoleOwner)
	equal(t, "password hash", got.PasswordHash, "argon2id$x")
}

func testAgentEmailCase(t *testing.T, s store.Store) {
	ctx := t.Context()
	a, err := s.CreateAgent(ctx, store.Agent{Email: "Bob.Smith@Example.COM", Name: "Bob", Role: store.RoleAgent})
	must(t, err)
	equal(t, "stored email", a.Email, "bob.smith@example.com")
	for _, email := range []string{"bob.smith@example.com", "BOB.SMITH@EXAMPLE.COM", "Bob.Smith@example.com"} {
		got, err := s.AgentByEmail(ctx, email)
		must(t, err)
		equal(t, "AgentByEmail("+email+")", got.ID, a.ID)
	}
}

func testAgentDuplicateEmail(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.CreateAgent(ctx, store.Agent{Email: "cat@example.com", Name: "Cat", Role: store.RoleAgent})
	must(t, err)
	_, err = s.CreateAgent(ctx, store.Agent{Email: "CAT@example.com", Name: "Cat 2", Role: store.RoleAgent})
	wantIs(t, err, store.ErrConflict)
	other := mustAgent(t, s)
	other.Email = "Cat@Example.com"
	_, err = s.UpdateAgent(ctx, other)
	wantIs(t, err, store.ErrConflict)
}

func testAgentUpdate(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	a.Name = "Ann B."
	a.Role = store.RoleAdmin
	a.Disabled = true
	updated, err := s.UpdateAgent(ctx, a)
	must(t, err)
	equal(t, "updated agent", updated, a)
	got, err := s.AgentByID(ctx, a.ID)
	must(t, err)
	equal(t, "reread agent", got, a)
}

func testAgentList(t *testing.T, s store.Store) {
	want := map[string]bool{mustAgent(t, s).ID: true, mustAgent(t, s).ID: true}
	agents, err := s.ListAgents(t.Context())
	must(t, err)
	got := map[string]bool{}
	for _, a := range agents {
		got[a.ID] = true
	}
	equal(t, "listed agent ids", got, want)
}

func testAgentUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.AgentByID(ctx, "a_missing")
	wantIs(t, err, store.ErrNotFound)
	_, err = s.AgentByEmail(ctx, "nobody@example.com")
	wantIs(t, err, store.ErrNotFound)
	_, err = s.UpdateAgent(ctx, store.Agent{ID: "a_missing", Email: "x@example.com", Role: store.RoleAgent})
	wantIs(t, err, store.ErrNotFound)
}

func tokenTests() []test {
	return []test{
		{"token/agent by token", testTokenLookup},
		{"token/revoked", testTokenRevoked},
		{"token/disabled agent", testTokenDisabledAgent},
		{"token/duplicate hash", testTokenDuplicate},
		{"token/unknown", testTokenUnknown},
	}
}

func testTokenLookup(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	tok, err := s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "ci", Hash: "h1"})
	must(t, err)
	if tok.ID == "" || tok.CreatedAt.IsZero() || !tok.RevokedAt.IsZero() {
		t.Fatalf("CreateToken returned %+v", tok)
	}
	got, err := s.AgentByToken(ctx, "h1")
	must(t, err)
	equal(t, "AgentByToken", got, a)
}

func testTokenRevoked(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	tok, err := s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "old", Hash: "h-old"})
	must(t, err)
	_, err = s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "new", Hash: "h-new"})
	must(t, err)
	must(t, s.RevokeToken(ctx, tok.ID))
	must(t, s.RevokeToken(ctx, tok.ID)) // revoking twice is fine
	_, err = s.AgentByToken(ctx, "h-old")
	wantIs(t, err, store.ErrNotFound)
	_, err = s.AgentByToken(ctx, "h-new")
	must(t, err)
}

func testTokenDisabledAgent(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	_, err := s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "ci", Hash: "h-dis"})
	must(t, err)
	a.Disabled = true
	_, err = s.UpdateAgent(ctx, a)
	must(t, err)
	_, err = s.AgentByToken(ctx, "h-dis")
	wantIs(t, err, store.ErrNotFound)
}

func testTokenDuplicate(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	_, err := s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "one", Hash: "same"})
	must(t, err)
	_, err = s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "two", Hash: "same"})
	wantIs(t, err, store.ErrConflict)
}

func testTokenUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.AgentByToken(ctx, "no-such-hash")
	wantIs(t, err, store.ErrNotFound)
	wantIs(t, s.RevokeToken(ctx, "t_missing"), store.ErrNotFound)
	_, err = s.CreateToken(ctx, store.Token{AgentID: "a_missing", Name: "x", Hash: "h-orphan"})
	wantIs(t, err, store.ErrNotFound)
}
