package account_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

func TestTeamRoles(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	owner, o := signInAs(t, n, "olive@shop.test", store.RoleOwner)
	adm, _ := signInAs(t, n, "adam@shop.test", store.RoleAdmin)
	agent, _ := signInAs(t, n, "ann@shop.test", store.RoleAgent)
	_, b := signInAs(t, n, "bea@shop.test", store.RoleAgent)
	retireOthers(t, n, o.ID) // the bootstrap's owner: Olive must be the only one
	path := func(a store.Agent) string { return "/agents/" + a.ID }
	tests := []struct {
		name      string
		who       *client
		path      string
		body      string
		want      int
		wantRole  string
		wantAfter bool // disabled
	}{
		{"an agent may not change roles", agent, path(b), `{"role":"admin"}`, http.StatusForbidden, "", false},
		{"an admin may not make an owner", adm, path(b), `{"role":"owner"}`, http.StatusForbidden, "", false},
		{"an admin may not change an owner", adm, path(o), `{"role":"agent"}`, http.StatusForbidden, "", false},
		{"an admin may not disable an owner", adm, path(o), `{"disabled":true}`, http.StatusForbidden, "", false},
		{"the last owner may not be demoted", owner, path(o), `{"role":"admin"}`, http.StatusConflict, "", false},
		{"the last owner may not be disabled", owner, path(o), `{"disabled":true}`, http.StatusConflict, "", false},
		{"no such role", owner, path(b), `{"role":"king"}`, http.StatusBadRequest, "", false},
		{"nothing to change", owner, path(b), `{}`, http.StatusBadRequest, "", false},
		{"unknown agent", owner, "/agents/a_missing", `{"role":"admin"}`, http.StatusNotFound, "", false},
		{"an admin makes an admin", adm, path(b), `{"role":"admin"}`, http.StatusOK, "admin", false},
		{"an owner makes an owner", owner, path(b), `{"role":"owner"}`, http.StatusOK, "owner", false},
		{"with a second owner, the first may step down", owner, path(o), `{"role":"admin"}`, http.StatusOK, "admin", false},
		{"an admin may not unmake the owner", adm, path(b), `{"role":"agent"}`, http.StatusForbidden, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out struct {
				Code, Error, Role string
				Disabled          bool
			}
			got := tt.who.write(http.MethodPatch, tt.path, tt.body, &out)
			if got != tt.want || tt.want >= 400 && out.Code == "" || tt.wantRole != "" && (out.Role != tt.wantRole || out.Disabled != tt.wantAfter) {
				t.Errorf("HTTP %d %+v, want %d role %q", got, out, tt.want, tt.wantRole)
			}
		})
	}
	// Olive, now an admin, can no longer touch Bea, the only owner.
	if got := owner.write(http.MethodPatch, path(b), `{"disabled":true}`, nil); got != http.StatusForbidden {
		t.Errorf("an admin disabling the only owner: HTTP %d", got)
	}
}

// TestInvites: an invite link works once, within its week; the new agent
// is signed in; a password invite creates the account at once.
func TestInvites(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	owner, _ := signInAs(t, n, "olive@shop.test", store.RoleOwner)
	adm, _ := signInAs(t, n, "adam@shop.test", store.RoleAdmin)
	agent, _ := signInAs(t, n, "ann@shop.test", store.RoleAgent)
	for _, tt := range []struct {
		name, body string
		who        *client
		want       int
	}{
		{"an agent may not invite", `{"email":"x@shop.test","name":"X","role":"agent","mode":"link"}`, agent, http.StatusForbidden},
		{"an admin may not invite an owner", `{"email":"x@shop.test","name":"X","role":"owner","mode":"link"}`, adm, http.StatusForbidden},
		{"bad email", `{"email":"x","name":"X","role":"agent","mode":"link"}`, owner, http.StatusBadRequest},
		{"bad role", `{"email":"x@shop.test","name":"X","role":"boss","mode":"link"}`, owner, http.StatusBadRequest},
		{"bad mode", `{"email":"x@shop.test","name":"X","role":"agent","mode":"pigeon"}`, owner, http.StatusBadRequest},
		{"email on the team", `{"email":"Ann@shop.test","name":"X","role":"agent","mode":"link"}`, owner, http.StatusConflict},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var e apiErr
			if got := tt.who.write(http.MethodPost, "/invites", tt.body, &e); got != tt.want || e.Code == "" {
				t.Errorf("HTTP %d %+v, want %d", got, e, tt.want)
			}
		})
	}

	var inv struct{ Link string }
	if got := adm.write(http.MethodPost, "/invites", `{"email":"nia@shop.test","name":"Nia","role":"admin","mode":"link"}`, &inv); got != http.StatusCreated ||
		!strings.HasPrefix(inv.Link, "/console/#invite=") {
		t.Fatalf("invite: HTTP %d %+v", got, inv)
	}
	token := strings.TrimPrefix(inv.Link, "/console/#invite=")
	anon := &client{t: t, n: n}
	var check struct{ Email, Name, Role string }
	if got := anon.write(http.MethodPost, "/invites/check", `{"token":"`+token+`"}`, &check); got != http.StatusOK || check.Email != "nia@shop.test" || check.Name != "Nia" {
		t.Fatalf("check: HTTP %d %+v", got, check)
	}
	accept := `{"token":"` + token + `","name":"Nia N","password":"a long password"}`
	var e apiErr
	if got := anon.write(http.MethodPost, "/invites/accept", `{"token":"`+token+`","name":"Nia","password":"short"}`, &e); got != http.StatusBadRequest {
		t.Fatalf("a weak password: HTTP %d %+v", got, e)
	}
	if got := anon.call(http.MethodPost, "/invites/accept", "https://evil.example", "", accept, nil).StatusCode; got != http.StatusForbidden {
		t.Fatalf("a cross-origin acceptance: HTTP %d", got)
	}
	var joined struct {
		Agent struct{ Email, Name, Role string }
		CSRF  string
	}
	resp := anon.call(http.MethodPost, "/invites/accept", n.URL, "", accept, &joined)
	if resp.StatusCode != http.StatusOK || joined.Agent.Role != "admin" || joined.Agent.Name != "Nia N" || joined.CSRF == "" {
		t.Fatalf("accept: HTTP %d %+v", resp.StatusCode, joined)
	}
	nia := &client{t: t, n: n, cookie: sessionCookie(resp), csrf: joined.CSRF}
	if got := nia.call(http.MethodGet, "/me", "", "", "", nil).StatusCode; got != http.StatusOK {
		t.Fatalf("the new agent is not signed in: HTTP %d", got)
	}
	for path, body := range map[string]string{"/invites/accept": accept, "/invites/check": `{"token":"` + token + `"}`} {
		if got := anon.write(http.MethodPost, path, body, &e); got != http.StatusGone || e.Code != "invite_used" {
			t.Errorf("%s a second time: HTTP %d %+v", path, got, e)
		}
	}
	if got := anon.write(http.MethodPost, "/invites/accept", `{"token":"inv_nope","name":"X","password":"a long password"}`, &e); got != http.StatusNotFound || e.Code != "invite_unknown" {
		t.Errorf("an unknown link: HTTP %d %+v", got, e)
	}

	// An expired invite, stored directly a week and a bit ago.
	old := store.Invite{Email: "late@shop.test", Name: "Late", Role: store.RoleAgent, TokenHash: hashOf("inv_old"),
		CreatedAt: time.Now().Add(-8 * 24 * time.Hour), ExpiresAt: time.Now().Add(-24 * time.Hour)}
	if _, err := n.Server.Store.CreateInvite(t.Context(), old); err != nil {
		t.Fatal(err)
	}
	if got := anon.write(http.MethodPost, "/invites/accept", `{"token":"inv_old","name":"Late","password":"a long password"}`, &e); got != http.StatusGone || e.Code != "invite_expired" {
		t.Errorf("an expired link: HTTP %d %+v", got, e)
	}

	var pw struct {
		Password string
		Agent    struct{ Email string }
	}
	if got := owner.write(http.MethodPost, "/invites", `{"email":"pat@shop.test","name":"Pat","role":"agent","mode":"password"}`, &pw); got != http.StatusCreated || pw.Password == "" {
		t.Fatalf("password invite: HTTP %d %+v", got, pw)
	}
	login(t, n, "pat@shop.test", pw.Password)
}

// TestTokensAPI: an agent lists, creates and revokes their own tokens
// only, and a revoked token no longer opens REST v1.
func TestTokensAPI(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	ann, _ := signInAs(t, n, "ann@shop.test", store.RoleAgent)
	bea, _ := signInAs(t, n, "bea@shop.test", store.RoleAgent)
	var e apiErr
	if got := ann.write(http.MethodPost, "/tokens", `{"name":" "}`, &e); got != http.StatusBadRequest || e.Code != "bad_request" {
		t.Fatalf("a token without a name: HTTP %d %+v", got, e)
	}
	var created struct {
		Token  struct{ ID, Name string }
		Secret string
	}
	if got := ann.write(http.MethodPost, "/tokens", `{"name":"zapier"}`, &created); got != http.StatusCreated || created.Secret == "" {
		t.Fatalf("create: HTTP %d %+v", got, created)
	}
	rest := func() int {
		req, _ := http.NewRequest(http.MethodGet, n.URL+"/api/v1/conversations", nil)
		req.Header.Set("Authorization", "Bearer "+created.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := rest(); got != http.StatusOK {
		t.Fatalf("REST with the new token: HTTP %d", got)
	}
	if got := bea.write(http.MethodDelete, "/tokens/"+created.Token.ID, "", &e); got != http.StatusNotFound {
		t.Fatalf("another agent revokes the token: HTTP %d", got)
	}
	if got := ann.write(http.MethodDelete, "/tokens/"+created.Token.ID, "", nil); got != http.StatusNoContent {
		t.Fatalf("revoke: HTTP %d", got)
	}
	var list struct {
		Tokens []struct {
			Name      string
			RevokedAt *time.Time `json:"revoked_at"`
		}
	}
	ann.call(http.MethodGet, "/tokens", "", "", "", &list)
	if len(list.Tokens) != 1 || list.Tokens[0].RevokedAt == nil {
		t.Fatalf("list after revoking: %+v", list)
	}
	if got := rest(); got != http.StatusUnauthorized {
		t.Fatalf("REST with the revoked token: HTTP %d", got)
	}
	bea.call(http.MethodGet, "/tokens", "", "", "", &list)
	if len(list.Tokens) != 0 {
		t.Fatalf("Bea sees Ann's tokens: %+v", list)
	}
}

func hashOf(token string) string { return auth.HashToken(token) }

// retireOthers disables every owner but keep, straight in the store.
func retireOthers(t *testing.T, n *servertest.Node, keep string) {
	t.Helper()
	agents, err := n.Server.Store.ListAgents(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range agents {
		if a.Role == store.RoleOwner && a.ID != keep {
			a.Disabled = true
			if _, err := n.Server.Store.UpdateAgent(t.Context(), a); err != nil {
				t.Fatal(err)
			}
		}
	}
}
