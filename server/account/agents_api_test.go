package account_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// TestConsoleAgents: any signed-in agent lists the team (id, name, email,
// role, disabled, presence state) by name, without password hashes; nobody else does.
func TestConsoleAgents(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, me := signIn(t, n, store.RoleAgent)
	other, _, err := admin.AddAgent(context.Background(), n.Server.Store, "bea@shop.test", "Bea Admin", store.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	other.Disabled = true
	if _, err := n.Server.Store.UpdateAgent(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	anon := &client{t: t, n: n}
	if resp := anon.call(http.MethodGet, "/agents", "", "", "", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the agents without a session: HTTP %d", resp.StatusCode)
	}
	var raw map[string][]map[string]any
	if resp := c.call(http.MethodGet, "/agents", "", "", "", &raw); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /agents: HTTP %d", resp.StatusCode)
	}
	list := raw["agents"]
	byID := map[any]map[string]any{}
	for i, a := range list {
		byID[a["id"]] = a
		if i > 0 && strings.Compare(list[i-1]["name"].(string), a["name"].(string)) > 0 {
			t.Errorf("agents not by name: %v", list)
		}
	}
	want := []map[string]any{
		{"id": other.ID, "name": "Bea Admin", "email": "bea@shop.test", "role": "admin", "disabled": true, "state": "offline"},
		{"id": me.ID, "name": me.Name, "email": me.Email, "role": "agent", "disabled": false, "state": "offline"},
	}
	for _, w := range want {
		got := byID[w["id"]]
		if len(got) != len(w) {
			t.Errorf("agent %v has fields %v, want exactly %v", w["id"], got, w)
		}
		for k, v := range w {
			if got[k] != v {
				t.Errorf("agent %v: %s = %v, want %v", w["id"], k, got[k], v)
			}
		}
	}
}
