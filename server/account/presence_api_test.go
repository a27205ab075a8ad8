package account_test

import (
	"net/http"
	"testing"

	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// TestPresenceAPI: PUT /me/presence needs the CSRF token and a boolean;
// the only agent going away makes a visitor's socket say online=false,
// and coming back online=true. The agent's own socket and a teammate's
// hear team frames; GET /agents and GET /me/presence carry the state.
func TestPresenceAPI(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, me := signIn(t, n, store.RoleAgent)
	own := dialWithCookie(t, n, c.cookie, n.URL)
	own.SendJSON(map[string]any{"type": "hello", "token": ""})
	own.Expect("welcome")
	expectTeam(t, own, me.ID, "online")

	v := n.Dial(t, "/ws/visitor", servertest.SiteOrigin)
	if w := v.VisitorHello(n.SiteKey, ""); w["presence"].(map[string]any)["online"] != true {
		t.Fatalf("welcome presence %v, want online", w["presence"])
	}

	for _, bad := range []struct{ name, csrf, body string }{
		{"no CSRF token", "", `{"away":true}`},
		{"no away", c.csrf, `{}`},
		{"away not a boolean", c.csrf, `{"away":"yes"}`},
		{"not JSON", c.csrf, `away`},
	} {
		var e map[string]string
		resp := c.call(http.MethodPut, "/me/presence", n.URL, bad.csrf, bad.body, &e)
		if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusBadRequest || e["code"] == "" || e["error"] == "" {
			t.Errorf("%s: HTTP %d %v, want 400 or 403 with code and error", bad.name, resp.StatusCode, e)
		}
	}

	setAway(t, c, true, "away")
	if p := v.Await("presence"); p["online"] != false {
		t.Fatalf("visitor presence %v after the only agent went away", p)
	}
	expectTeam(t, own, me.ID, "away")
	if st := agentState(t, c, me.ID); st != "away" {
		t.Fatalf("GET /agents says %q, want away", st)
	}
	var mine struct {
		Away  bool
		State string
	}
	if c.call(http.MethodGet, "/me/presence", "", "", "", &mine); !mine.Away || mine.State != "away" {
		t.Fatalf("GET /me/presence %+v", mine)
	}

	// A teammate (API token) connects: online again for visitors; it
	// hears the first agent come back.
	mate := n.Dial(t, "/ws/agent", "")
	mate.SendJSON(map[string]any{"type": "hello", "token": n.AgentToken})
	mate.Expect("welcome")
	if p := v.Await("presence"); p["online"] != true {
		t.Fatalf("visitor presence %v after a teammate connected", p)
	}
	expectTeam(t, own, n.Agent.ID, "online")
	setAway(t, c, false, "online")
	expectTeam(t, mate, me.ID, "online")
}

func setAway(t *testing.T, c *client, away bool, want string) {
	t.Helper()
	var out struct {
		Away  bool
		State string
	}
	body := map[bool]string{true: `{"away":true}`, false: `{"away":false}`}[away]
	if resp := c.call(http.MethodPut, "/me/presence", c.n.URL, c.csrf, body, &out); resp.StatusCode != http.StatusOK || out.Away != away || out.State != want {
		t.Fatalf("PUT /me/presence %s: HTTP %d %+v, want state %s", body, resp.StatusCode, out, want)
	}
}

// expectTeam reads team frames until one says agent is in state.
func expectTeam(t *testing.T, r *servertest.Raw, agent, state string) {
	t.Helper()
	for {
		f := r.Await("team")
		if f["agent"] == agent && f["state"] == state {
			return
		}
	}
}

func agentState(t *testing.T, c *client, id string) string {
	t.Helper()
	var out struct{ Agents []struct{ ID, State string } }
	c.call(http.MethodGet, "/agents", "", "", "", &out)
	for _, a := range out.Agents {
		if a.ID == id {
			return a.State
		}
	}
	return ""
}
