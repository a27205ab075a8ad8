package storetest

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func cannedTests() []test {
	return []test{
		{"canned/create, list, update, delete", testCannedCRUD},
		{"canned/shortcut unique in any case", testCannedDuplicate},
		{"canned/unknown", testCannedUnknown},
	}
}

func inviteTests() []test {
	return []test{
		{"invite/accept once", testInviteAccept},
		{"invite/expired", testInviteExpired},
		{"invite/email taken", testInviteEmailTaken},
	}
}

func tokenListTests() []test {
	return []test{{"token/list per agent", testTokenList}}
}

func testCannedCRUD(t *testing.T, s store.Store) {
	ctx := t.Context()
	b, err := s.CreateCanned(ctx, store.CannedResponse{Shortcut: "Thanks", Title: "Thank you", Body: "Thanks for writing!", CreatedBy: "a1"})
	must(t, err)
	if b.ID == "" || b.UpdatedAt.IsZero() || b.Shortcut != "Thanks" {
		t.Fatalf("CreateCanned: %+v", b)
	}
	a, err := s.CreateCanned(ctx, store.CannedResponse{Shortcut: "address", Title: "Our address", Body: "1 Main St"})
	must(t, err)
	list, err := s.ListCanned(ctx)
	must(t, err)
	equal(t, "ListCanned", list, []store.CannedResponse{a, b})

	tick()
	b.Shortcut, b.Title, b.Body = "ty", "Thanks", "Thank you!"
	got, err := s.UpdateCanned(ctx, b)
	must(t, err)
	if got.Shortcut != "ty" || got.Body != "Thank you!" || got.CreatedBy != "a1" || !got.UpdatedAt.After(b.UpdatedAt) {
		t.Fatalf("UpdateCanned: %+v", got)
	}
	must(t, s.DeleteCanned(ctx, a.ID))
	list, err = s.ListCanned(ctx)
	must(t, err)
	equal(t, "after delete", list, []store.CannedResponse{got})
}

func testCannedDuplicate(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.CreateCanned(ctx, store.CannedResponse{Shortcut: "hello", Title: "Hi", Body: "Hi!"})
	must(t, err)
	_, err = s.CreateCanned(ctx, store.CannedResponse{Shortcut: "HELLO", Title: "Hi", Body: "Hi!"})
	wantIs(t, err, store.ErrConflict)
	other, err := s.CreateCanned(ctx, store.CannedResponse{Shortcut: "bye", Title: "Bye", Body: "Bye!"})
	must(t, err)
	other.Shortcut = "Hello"
	_, err = s.UpdateCanned(ctx, other)
	wantIs(t, err, store.ErrConflict)
}

func testCannedUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.UpdateCanned(ctx, store.CannedResponse{ID: "cr_missing", Shortcut: "x", Title: "x", Body: "x"})
	wantIs(t, err, store.ErrNotFound)
	wantIs(t, s.DeleteCanned(ctx, "cr_missing"), store.ErrNotFound)
}

// mustInvite stores an invite for email that expires after ttl.
func mustInvite(t *testing.T, s store.Store, email string, ttl time.Duration) store.Invite {
	t.Helper()
	inv, err := s.CreateInvite(t.Context(), store.Invite{Email: email, Name: "New Agent", Role: store.RoleAgent,
		TokenHash: unique("ih"), CreatedBy: "a1", ExpiresAt: time.Now().Add(ttl)})
	must(t, err)
	return inv
}

func testInviteAccept(t *testing.T, s store.Store) {
	ctx := t.Context()
	inv := mustInvite(t, s, "Nia@Example.com", time.Hour)
	if inv.ID == "" || inv.CreatedAt.IsZero() || !inv.UsedAt.IsZero() || inv.Email != "nia@example.com" {
		t.Fatalf("CreateInvite: %+v", inv)
	}
	got, err := s.InviteByHash(ctx, inv.TokenHash)
	must(t, err)
	equal(t, "InviteByHash", got, inv)

	a, err := s.AcceptInvite(ctx, inv.TokenHash, store.Agent{Email: inv.Email, Name: "Nia", Role: inv.Role, PasswordHash: "h"})
	must(t, err)
	if a.ID == "" || a.Role != store.RoleAgent {
		t.Fatalf("AcceptInvite: %+v", a)
	}
	if _, err := s.AgentByEmail(ctx, "nia@example.com"); err != nil {
		t.Fatalf("the new agent: %v", err)
	}
	got, err = s.InviteByHash(ctx, inv.TokenHash)
	must(t, err)
	if got.UsedAt.IsZero() {
		t.Errorf("the accepted invite is not marked used: %+v", got)
	}
	_, err = s.AcceptInvite(ctx, inv.TokenHash, store.Agent{Email: "other@example.com", Name: "X", Role: store.RoleAgent})
	wantIs(t, err, store.ErrConflict)
	_, err = s.InviteByHash(ctx, "no-such-hash")
	wantIs(t, err, store.ErrNotFound)
}

func testInviteExpired(t *testing.T, s store.Store) {
	inv := mustInvite(t, s, "late@example.com", -time.Minute)
	_, err := s.AcceptInvite(t.Context(), inv.TokenHash, store.Agent{Email: inv.Email, Name: "Late", Role: inv.Role})
	wantIs(t, err, store.ErrConflict)
	if _, err := s.AgentByEmail(t.Context(), inv.Email); err == nil {
		t.Error("an expired invite created an agent")
	}
}

func testInviteEmailTaken(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := mustAgent(t, s)
	inv := mustInvite(t, s, a.Email, time.Hour)
	_, err := s.AcceptInvite(ctx, inv.TokenHash, store.Agent{Email: a.Email, Name: "Twin", Role: inv.Role})
	wantIs(t, err, store.ErrConflict)
	got, err := s.InviteByHash(ctx, inv.TokenHash)
	must(t, err)
	if !got.UsedAt.IsZero() {
		t.Error("a failed acceptance used the invite up")
	}
}

func testTokenList(t *testing.T, s store.Store) {
	ctx := t.Context()
	a, b := mustAgent(t, s), mustAgent(t, s)
	t1, err := s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "ci", Hash: unique("th")})
	must(t, err)
	tick()
	t2, err := s.CreateToken(ctx, store.Token{AgentID: a.ID, Name: "zapier", Hash: unique("th")})
	must(t, err)
	_, err = s.CreateToken(ctx, store.Token{AgentID: b.ID, Name: "other", Hash: unique("th")})
	must(t, err)
	must(t, s.RevokeToken(ctx, t1.ID))
	list, err := s.ListTokens(ctx, a.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != t1.ID || list[1].ID != t2.ID || list[0].RevokedAt.IsZero() || !list[1].RevokedAt.IsZero() {
		t.Fatalf("ListTokens = %+v", list)
	}
	list, err = s.ListTokens(ctx, "a_missing")
	must(t, err)
	equal(t, "no tokens", len(list), 0)
}
