package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

func TestCreateSite(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	_, adminTok := addAgent(t, n, "admin@shop.test", store.RoleAdmin)
	_, agentTok := addAgent(t, n, "helper@shop.test", store.RoleAgent)

	var site struct {
		ID      string   `json:"id"`
		Key     string   `json:"key"`
		Name    string   `json:"name"`
		Origins []string `json:"origins"`
	}
	call(t, n, n.AgentToken, http.MethodPost, "/sites", map[string]any{"name": "  Blog  ",
		"origins": []string{"https://Blog.Example/", " http://localhost:8080 "}}).decode(t, http.StatusCreated, &site)
	if site.ID == "" || !strings.HasPrefix(site.Key, "pk_") || site.Name != "Blog" ||
		!slices.Equal(site.Origins, []string{"https://blog.example", "http://localhost:8080"}) {
		t.Fatalf("created site %+v", site)
	}
	stored, err := n.Server.Store.SiteByKey(context.Background(), site.Key)
	if err != nil || stored.ID != site.ID {
		t.Fatalf("site by key %s: %+v, %v", site.Key, stored, err)
	}

	tests := []struct {
		name, token string
		body        any
		status      int
		code        string // "" for success
	}{
		{"admin", adminTok, map[string]any{"name": "Docs", "origins": []string{"https://docs.example"}}, http.StatusCreated, ""},
		{"no origins", n.AgentToken, map[string]any{"name": "Local"}, http.StatusCreated, ""},
		{"agent role", agentTok, map[string]any{"name": "Mine", "origins": []string{"https://mine.example"}}, http.StatusForbidden, "forbidden"},
		{"agent role, bad body", agentTok, `{`, http.StatusForbidden, "forbidden"},
		{"origin without scheme", n.AgentToken, map[string]any{"name": "Shop", "origins": []string{"shop.example"}}, http.StatusBadRequest, "bad_request"},
		{"origin with a path", n.AgentToken, map[string]any{"name": "Shop", "origins": []string{"https://shop.example/cart"}}, http.StatusBadRequest, "bad_request"},
		{"ftp origin", n.AgentToken, map[string]any{"name": "Shop", "origins": []string{"ftp://shop.example"}}, http.StatusBadRequest, "bad_request"},
		{"wildcard origin", n.AgentToken, map[string]any{"name": "Shop", "origins": []string{"https://*"}}, http.StatusBadRequest, "bad_request"},
		{"origin injecting CSP", n.AgentToken, map[string]any{"name": "Shop", "origins": []string{"https://a.example;sandbox"}}, http.StatusBadRequest, "bad_request"},
		{"origin with user info", n.AgentToken, map[string]any{"name": "Shop", "origins": []string{"https://me@a.example"}}, http.StatusBadRequest, "bad_request"},
		{"empty name", n.AgentToken, map[string]any{"name": "", "origins": []string{"https://shop.example"}}, http.StatusBadRequest, "bad_request"},
		{"blank name", n.AgentToken, map[string]any{"name": "   "}, http.StatusBadRequest, "bad_request"},
		{"name over 100 characters", n.AgentToken, map[string]any{"name": strings.Repeat("n", 101)}, http.StatusBadRequest, "bad_request"},
		{"unknown field", n.AgentToken, map[string]any{"name": "Shop", "color": "red"}, http.StatusBadRequest, "bad_request"},
		{"malformed JSON", n.AgentToken, `{"name":`, http.StatusBadRequest, "bad_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, n, tt.token, http.MethodPost, "/sites", tt.body)
			if tt.code != "" {
				r.wantError(t, tt.status, tt.code)
				return
			}
			var got map[string]any
			r.decode(t, tt.status, &got)
			if key, _ := got["key"].(string); !strings.HasPrefix(key, "pk_") || got["id"] == "" {
				t.Fatalf("created %v", got)
			}
		})
	}
	sites, err := n.Server.Store.ListSites(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 4 { // the node's own, Blog, Docs, Local
		t.Fatalf("%d sites stored, want 4: rejected requests must create none", len(sites))
	}
}
