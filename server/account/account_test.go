package account_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/account"
	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

type client struct {
	t      *testing.T
	n      *servertest.Node
	cookie string
	csrf   string
}

// call sends a console API request with the session cookie (when signed
// in), an optional Origin and CSRF token, and decodes JSON into out.
func (c *client) call(method, path, origin, csrf, body string, out any) *http.Response {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.n.URL+"/api/console"+path, strings.NewReader(body))
	if c.cookie != "" {
		req.Header.Set("Cookie", account.CookieName+"="+c.cookie)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	if csrf != "" {
		req.Header.Set(account.CSRFHeader, csrf)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		_ = json.NewDecoder(resp.Body).Decode(out)
	}
	return resp
}

// signIn creates an agent and signs it in.
func signIn(t *testing.T, n *servertest.Node, role string) (*client, store.Agent) {
	t.Helper()
	a, password, err := admin.AddAgent(context.Background(), n.Server.Store, role+".console@shop.test", role, role)
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, n: n}
	var out struct{ CSRF string }
	resp := c.call(http.MethodPost, "/login", n.URL, "", `{"email":"`+a.Email+`","password":"`+password+`"}`, &out)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login: HTTP %d", resp.StatusCode)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == account.CookieName {
			if !ck.Secure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Domain != "" {
				t.Fatalf("session cookie attributes: %+v", ck)
			}
			c.cookie = ck.Value
		}
	}
	if c.cookie == "" || out.CSRF == "" {
		t.Fatalf("no session cookie or CSRF token: %v", resp.Header)
	}
	c.csrf = out.CSRF
	return c, a
}

func TestCSRF(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, _ := signIn(t, n, "agent")
	tests := []struct {
		name, origin, csrf string
		want               int
	}{
		{"cross-origin without token", "https://evil.example", "", http.StatusForbidden},
		{"cross-origin with the token", "https://evil.example", c.csrf, http.StatusForbidden},
		{"same origin without token", n.URL, "", http.StatusForbidden},
		{"same origin, wrong token", n.URL, "nope", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if resp := c.call(http.MethodPost, "/password", tt.origin, tt.csrf, `{"current":"x","new":"0123456789"}`, nil); resp.StatusCode != tt.want {
				t.Fatalf("HTTP %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	if resp := c.call(http.MethodGet, "/me", "", "", "", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("reads need no token: HTTP %d", resp.StatusCode)
	}
	if resp := c.call(http.MethodPost, "/logout", n.URL, c.csrf, "", nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("logout with the token: HTTP %d", resp.StatusCode)
	}
	if resp := c.call(http.MethodGet, "/me", "", "", "", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("after logout the session must be gone: HTTP %d", resp.StatusCode)
	}
	anon := &client{t: t, n: n}
	if resp := anon.call(http.MethodPost, "/login", "https://evil.example", "", `{"email":"a@b.c","password":"x"}`, nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-origin login: HTTP %d", resp.StatusCode)
	}
}

func TestLoginThrottle(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	a, password, err := admin.AddAgent(context.Background(), n.Server.Store, "victim@shop.test", "V", store.RoleAgent)
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, n: n}
	login := func(pw string) int {
		return c.call(http.MethodPost, "/login", "", "", `{"email":"`+a.Email+`","password":"`+pw+`"}`, nil).StatusCode
	}
	for i := 1; i <= 5; i++ {
		if code := login("wrong"); code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: HTTP %d, want 401", i, code)
		}
	}
	if code := login("wrong"); code != http.StatusTooManyRequests {
		t.Fatalf("sixth wrong password in a minute: HTTP %d, want 429", code)
	}
	if code := login(password); code != http.StatusTooManyRequests {
		t.Fatalf("even the right password waits out the throttle: HTTP %d", code)
	}
}

// TestDisabledAgentSocketClosed: disabling an agent closes their open
// socket within 2 seconds; signing out closes that session's socket.
func TestDisabledAgentSocketClosed(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	owner, _ := signIn(t, n, "owner")
	agent, a := signIn(t, n, "agent")

	sock := dialWithCookie(t, n, agent.cookie, n.URL)
	sock.SendJSON(map[string]any{"type": "hello", "token": ""})
	if w := sock.Expect("welcome"); w["agent"].(map[string]any)["id"] != a.ID {
		t.Fatalf("cookie-authenticated welcome: %v", w)
	}
	start := time.Now()
	if resp := owner.call(http.MethodPatch, "/agents/"+a.ID, n.URL, owner.csrf, `{"disabled":true}`, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("disable: HTTP %d", resp.StatusCode)
	}
	if code := sock.ExpectClose(); code != 4001 {
		t.Fatalf("socket closed with %d, want 4001", code)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("closed after %v, want within 2s", took)
	} else {
		t.Logf("disabled agent's socket closed %v after the PATCH", took.Round(time.Millisecond))
	}
	if resp := agent.call(http.MethodGet, "/me", "", "", "", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a disabled agent's session must be gone: HTTP %d", resp.StatusCode)
	}

	// Signing out closes the sockets of that session.
	osock := dialWithCookie(t, n, owner.cookie, n.URL)
	osock.SendJSON(map[string]any{"type": "hello", "token": ""})
	osock.Expect("welcome")
	owner.call(http.MethodPost, "/logout", n.URL, owner.csrf, "", nil)
	if code := osock.ExpectClose(); code != 4001 {
		t.Fatalf("after logout the socket closed with %d, want 4001", code)
	}
}

// TestAgentSocketOrigin: a cookie-authenticated socket from a foreign
// origin is refused before anything is read.
func TestAgentSocketOrigin(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	agent, _ := signIn(t, n, "agent")
	sock := dialWithCookie(t, n, agent.cookie, "https://evil.example")
	if code := sock.ExpectClose(); code != websocket.StatusPolicyViolation {
		t.Fatalf("foreign origin: closed with %d, want 1008", code)
	}
	anon := n.Dial(t, "/ws/agent", n.URL)
	anon.SendJSON(map[string]any{"type": "hello", "token": ""})
	if code := anon.ExpectClose(); code != 4001 {
		t.Fatalf("no cookie, no token: closed with %d, want 4001", code)
	}
}

func dialWithCookie(t *testing.T, n *servertest.Node, cookie, origin string) *servertest.Raw {
	t.Helper()
	return servertest.DialHeader(t, n.WS+"/ws/agent", http.Header{"Origin": {origin}, "Cookie": {account.CookieName + "=" + cookie}})
}
