// Package admin provisions what an installation is made of — sites, agents
// and API tokens — with the validation shared by the command line, REST and
// the console.
package admin

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/store"
)

// InvalidError says which input was wrong and why.
type InvalidError struct{ Field, Reason string }

func (e *InvalidError) Error() string { return e.Field + ": " + e.Reason }

func invalid(field, reason string) error { return &InvalidError{field, reason} }

// IsInvalid reports whether err is an input error.
func IsInvalid(err error) bool {
	var ie *InvalidError
	return errors.As(err, &ie)
}

// CreateSite adds a site with a fresh public key and identity secret.
func CreateSite(ctx context.Context, s store.Sites, name string, origins []string) (store.Site, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return store.Site{}, invalid("name", "must be 1..100 characters")
	}
	clean, err := NormalizeOrigins(origins)
	if err != nil {
		return store.Site{}, err
	}
	site, err := s.CreateSite(ctx, store.Site{ID: store.NewID("site"), Key: "pk_" + store.RandomString(12), Name: name,
		Origins: clean, IdentitySecret: store.RandomString(24),
		Widget: store.WidgetSettings{Color: "#4f46e5", Position: "right", Greeting: "Hi! How can we help?", LauncherText: "Chat with us"}})
	if err != nil {
		return store.Site{}, fmt.Errorf("admin: create site: %w", err)
	}
	return site, nil
}

// NormalizeOrigins checks that each origin is scheme://host[:port] and
// returns them without trailing slashes.
func NormalizeOrigins(origins []string) ([]string, error) {
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		u, err := url.Parse(strings.TrimSpace(o))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !validHost(u.Host) || strings.Trim(u.Path, "/") != "" ||
			u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return nil, invalid("origins", fmt.Sprintf("%q is not an origin such as https://shop.example", o))
		}
		out = append(out, u.Scheme+"://"+strings.ToLower(u.Host))
	}
	return out, nil
}

// validHost accepts host[:port] made of letters, digits, dots and dashes
// only: origins end up in a Content-Security-Policy, where "*" or ";" would
// widen or break it.
func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, r := range strings.ToLower(h) {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == ':') {
			return false
		}
	}
	return !strings.HasPrefix(h, ".") && !strings.HasPrefix(h, "-")
}

// AddAgent creates an agent with a random one-time password, returned in
// clear once.
func AddAgent(ctx context.Context, s store.Agents, email, name, role string) (store.Agent, string, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(email))
	if err != nil || addr.Address != strings.TrimSpace(email) {
		return store.Agent{}, "", invalid("email", fmt.Sprintf("%q is not an email address", email))
	}
	if !store.ValidRole(role) {
		return store.Agent{}, "", invalid("role", "must be owner, admin or agent")
	}
	if name = strings.TrimSpace(name); name == "" {
		name = strings.Split(addr.Address, "@")[0]
	}
	password := auth.NewPassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return store.Agent{}, "", err
	}
	a, err := s.CreateAgent(ctx, store.Agent{ID: store.NewID("a"), Email: strings.ToLower(addr.Address), Name: name, Role: role, PasswordHash: hash})
	if err != nil {
		return store.Agent{}, "", fmt.Errorf("admin: add agent: %w", err)
	}
	return a, password, nil
}

// AddToken creates an API token for the agent with this email and returns
// it in clear once.
func AddToken(ctx context.Context, s store.Agents, email, name string) (string, error) {
	a, err := s.AgentByEmail(ctx, strings.TrimSpace(email))
	if err != nil {
		return "", fmt.Errorf("admin: add token for %s: %w", email, err)
	}
	token := auth.NewAPIToken()
	if name == "" {
		name = "cli"
	}
	if _, err := s.CreateToken(ctx, store.Token{ID: store.NewID("tok"), AgentID: a.ID, Name: name, Hash: auth.HashToken(token)}); err != nil {
		return "", fmt.Errorf("admin: add token: %w", err)
	}
	return token, nil
}
