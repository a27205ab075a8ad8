package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// TestAuthentication checks that only an enabled agent's unrevoked token
// opens the API.
func TestAuthentication(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	disabled := disabledAgentToken(t, n)
	revoked := revokedToken(t, n)
	tests := []struct {
		name   string
		header string // the Authorization header; "" sends none
		status int
	}{
		{"no header", "", http.StatusUnauthorized},
		{"empty bearer", "Bearer ", http.StatusUnauthorized},
		{"bearer without space", "Bearer", http.StatusUnauthorized},
		{"other scheme", "Basic " + n.AgentToken, http.StatusUnauthorized},
		{"wrong token", "Bearer pt_not-a-real-token", http.StatusUnauthorized},
		{"disabled agent", "Bearer " + disabled, http.StatusUnauthorized},
		{"revoked token", "Bearer " + revoked, http.StatusUnauthorized},
		{"valid token", "Bearer " + n.AgentToken, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, n.URL+"/api/v1/conversations", nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			r := send(t, req)
			if tt.status == http.StatusOK {
				var out map[string]any
				r.decode(t, http.StatusOK, &out)
				return
			}
			r.wantError(t, tt.status, "unauthorized")
		})
	}
}

// disabledAgentToken returns a token that worked until its agent was
// disabled.
func disabledAgentToken(t *testing.T, n *servertest.Node) string {
	t.Helper()
	a, tok := addAgent(t, n, "gone@shop.test", store.RoleAgent)
	if r := call(t, n, tok, http.MethodGet, "/conversations", nil); r.status != http.StatusOK {
		t.Fatalf("new agent's token: HTTP %d %s", r.status, r.body)
	}
	a.Disabled = true
	if _, err := n.Server.Store.UpdateAgent(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return tok
}

// revokedToken returns a token of the owner that worked until it was
// revoked.
func revokedToken(t *testing.T, n *servertest.Node) string {
	t.Helper()
	ctx := context.Background()
	tok := auth.NewAPIToken()
	created, err := n.Server.Store.CreateToken(ctx, store.Token{AgentID: n.Agent.ID, Name: "old", Hash: auth.HashToken(tok)})
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, n, tok, http.MethodGet, "/conversations", nil); r.status != http.StatusOK {
		t.Fatalf("new token: HTTP %d %s", r.status, r.body)
	}
	if err := n.Server.Store.RevokeToken(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	return tok
}
