package account_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// apiErr is the {"code", "error"} of a refusal.
type apiErr struct{ Code, Error string }

// signInAs creates an agent with this email and role and signs it in.
func signInAs(t *testing.T, n *servertest.Node, email, role string) (*client, store.Agent) {
	t.Helper()
	a, password, err := admin.AddAgent(context.Background(), n.Server.Store, email, role, role)
	if err != nil {
		t.Fatal(err)
	}
	return login(t, n, a.Email, password), a
}

// login signs in with a password and returns the client.
func login(t *testing.T, n *servertest.Node, email, password string) *client {
	t.Helper()
	c := &client{t: t, n: n}
	var out struct{ CSRF string }
	resp := c.call(http.MethodPost, "/login", n.URL, "", `{"email":"`+email+`","password":"`+password+`"}`, &out)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login %s: HTTP %d", email, resp.StatusCode)
	}
	c.cookie, c.csrf = sessionCookie(resp), out.CSRF
	return c
}

func sessionCookie(resp *http.Response) string {
	for _, ck := range resp.Cookies() {
		if ck.Name == "__Host-parley_session" {
			return ck.Value
		}
	}
	return ""
}

// write sends a same-origin state change with the client's CSRF token.
func (c *client) write(method, path, body string, out any) int {
	c.t.Helper()
	return c.call(method, path, c.n.URL, c.csrf, body, out).StatusCode
}

func TestCannedAPI(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	owner, _ := signInAs(t, n, "olive@shop.test", store.RoleOwner)
	agent, _ := signInAs(t, n, "ann@shop.test", store.RoleAgent)
	var created struct{ ID, Shortcut, Body string }
	if s := owner.write(http.MethodPost, "/canned", `{"shortcut":"/Thanks","title":"Thank you","body":"Thanks for writing!"}`, &created); s != http.StatusCreated || created.Shortcut != "Thanks" {
		t.Fatalf("create: HTTP %d %+v", s, created)
	}
	long := `"` + strings.Repeat("x", 4001) + `"`
	tests := []struct {
		name, method, path, body string
		who                      *client
		want                     int
		code                     string
	}{
		{"agent may not create", http.MethodPost, "/canned", `{"shortcut":"a","title":"A","body":"A"}`, agent, http.StatusForbidden, "forbidden"},
		{"agent may not edit", http.MethodPatch, "/canned/" + created.ID, `{"shortcut":"a","title":"A","body":"A"}`, agent, http.StatusForbidden, "forbidden"},
		{"agent may not delete", http.MethodDelete, "/canned/" + created.ID, ``, agent, http.StatusForbidden, "forbidden"},
		{"empty shortcut", http.MethodPost, "/canned", `{"shortcut":"","title":"A","body":"A"}`, owner, http.StatusBadRequest, "bad_request"},
		{"shortcut with a space", http.MethodPost, "/canned", `{"shortcut":"a b","title":"A","body":"A"}`, owner, http.StatusBadRequest, "bad_request"},
		{"shortcut too long", http.MethodPost, "/canned", `{"shortcut":"` + strings.Repeat("a", 33) + `","title":"A","body":"A"}`, owner, http.StatusBadRequest, "bad_request"},
		{"no title", http.MethodPost, "/canned", `{"shortcut":"a","title":" ","body":"A"}`, owner, http.StatusBadRequest, "bad_request"},
		{"empty body", http.MethodPost, "/canned", `{"shortcut":"a","title":"A","body":""}`, owner, http.StatusBadRequest, "bad_request"},
		{"body too long", http.MethodPost, "/canned", `{"shortcut":"a","title":"A","body":` + long + `}`, owner, http.StatusBadRequest, "bad_request"},
		{"not JSON", http.MethodPost, "/canned", `shortcut=a`, owner, http.StatusBadRequest, "bad_request"},
		{"duplicate shortcut in another case", http.MethodPost, "/canned", `{"shortcut":"THANKS","title":"A","body":"A"}`, owner, http.StatusConflict, "conflict"},
		{"edit unknown", http.MethodPatch, "/canned/cr_missing", `{"shortcut":"a","title":"A","body":"A"}`, owner, http.StatusNotFound, "not_found"},
		{"edit", http.MethodPatch, "/canned/" + created.ID, `{"shortcut":"ty","title":"Thanks","body":"Thank you!"}`, owner, http.StatusOK, ""},
		{"32-character shortcut", http.MethodPost, "/canned", `{"shortcut":"` + strings.Repeat("b", 32) + `","title":"B","body":"B"}`, owner, http.StatusCreated, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e apiErr
			if got := tt.who.write(tt.method, tt.path, tt.body, &e); got != tt.want || e.Code != tt.code || tt.code != "" && e.Error == "" {
				t.Errorf("HTTP %d %+v, want %d %q", got, e, tt.want, tt.code)
			}
		})
	}
	var list struct {
		Canned []struct{ Shortcut, Body string }
	}
	if resp := agent.call(http.MethodGet, "/canned", "", "", "", &list); resp.StatusCode != http.StatusOK || len(list.Canned) != 2 || list.Canned[1].Body != "Thank you!" {
		t.Fatalf("an agent lists the canned responses: HTTP %d %+v", resp.StatusCode, list)
	}
	if s := owner.write(http.MethodDelete, "/canned/"+created.ID, "", nil); s != http.StatusNoContent {
		t.Fatalf("delete: HTTP %d", s)
	}
}

func TestSitesAPI(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	admin1, _ := signInAs(t, n, "adam@shop.test", store.RoleAdmin)
	agent, _ := signInAs(t, n, "ann@shop.test", store.RoleAgent)
	var site struct {
		ID, Key string
		Origins []string
		Widget  struct{ Color, Position string }
	}
	if s := admin1.write(http.MethodPost, "/sites", `{"name":"Blog","origins":["https://Blog.example/"]}`, &site); s != http.StatusCreated ||
		site.Key == "" || len(site.Origins) != 1 || site.Origins[0] != "https://blog.example" || site.Widget.Position != "right" {
		t.Fatalf("create: HTTP %d %+v", s, site)
	}
	widget := func(color, position, launcher, locale string) string {
		return `{"widget":{"color":"` + color + `","position":"` + position + `","greeting":"Hello","launcher_text":"` + launcher + `","locale":"` + locale + `","pre_chat_form":true}}`
	}
	tests := []struct {
		name, method, path, body string
		who                      *client
		want                     int
	}{
		{"agent may not list", http.MethodGet, "/sites", "", agent, http.StatusForbidden},
		{"agent may not create", http.MethodPost, "/sites", `{"name":"X","origins":[]}`, agent, http.StatusForbidden},
		{"agent may not edit", http.MethodPatch, "/sites/" + site.ID, `{"name":"X"}`, agent, http.StatusForbidden},
		{"origin with a path", http.MethodPatch, "/sites/" + site.ID, `{"origins":["https://blog.example/shop"]}`, admin1, http.StatusBadRequest},
		{"origin with a wildcard", http.MethodPatch, "/sites/" + site.ID, `{"origins":["https://*.example"]}`, admin1, http.StatusBadRequest},
		{"origin without a scheme", http.MethodPatch, "/sites/" + site.ID, `{"origins":["blog.example"]}`, admin1, http.StatusBadRequest},
		{"new site with a bad origin", http.MethodPost, "/sites", `{"name":"X","origins":["ftp://x.example"]}`, admin1, http.StatusBadRequest},
		{"empty name", http.MethodPatch, "/sites/" + site.ID, `{"name":" "}`, admin1, http.StatusBadRequest},
		{"bad colour", http.MethodPatch, "/sites/" + site.ID, widget("red", "left", "Chat", ""), admin1, http.StatusBadRequest},
		{"bad position", http.MethodPatch, "/sites/" + site.ID, widget("#112233", "top", "Chat", ""), admin1, http.StatusBadRequest},
		{"no launcher text", http.MethodPatch, "/sites/" + site.ID, widget("#112233", "left", "", ""), admin1, http.StatusBadRequest},
		{"bad locale", http.MethodPatch, "/sites/" + site.ID, widget("#112233", "left", "Chat", "English!"), admin1, http.StatusBadRequest},
		{"unknown site", http.MethodPatch, "/sites/site_missing", `{"name":"X"}`, admin1, http.StatusNotFound},
		{"edit the look", http.MethodPatch, "/sites/" + site.ID, widget("#112233", "left", "Chat", "zh-CN"), admin1, http.StatusOK},
		{"edit origins", http.MethodPatch, "/sites/" + site.ID, `{"origins":["https://blog.example","http://localhost:8080"]}`, admin1, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e apiErr
			if got := tt.who.write(tt.method, tt.path, tt.body, &e); got != tt.want || got >= 400 && (e.Code == "" || e.Error == "") {
				t.Errorf("HTTP %d %+v, want %d", got, e, tt.want)
			}
		})
	}
	// The widget's config reads the site afresh: the edit shows at once.
	got, err := n.Server.Store.SiteByID(context.Background(), site.ID)
	if err != nil || got.Widget.Color != "#112233" || got.Widget.Position != "left" || got.Widget.Locale != "zh-CN" ||
		!got.Widget.PreChatForm || len(got.Origins) != 2 {
		t.Fatalf("stored site %+v, %v", got, err)
	}
	req, _ := http.NewRequest(http.MethodGet, n.URL+"/w/"+site.Key+"/config.json", nil)
	req.Header.Set("Origin", "http://localhost:8080")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("config.json from a newly allowed origin: %v %v", resp, err)
	}
	defer resp.Body.Close()
	var cfg struct{ Color, Position, Locale string }
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil || cfg.Color != "#112233" || cfg.Position != "left" || cfg.Locale != "zh-CN" {
		t.Fatalf("config.json serves %+v (%v), want the edited look", cfg, err)
	}
}
