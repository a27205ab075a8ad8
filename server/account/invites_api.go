package account

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/store"
)

// Inviting teammates (owners and admins): a one-time link valid for
// inviteTTL whose token is kept only as a hash, or an account with a
// generated password. Either is shown once.

// inviteTTL is how long an invite link works.
const inviteTTL = 7 * 24 * time.Hour

// InviteLinkPrefix is the console address an invite token is appended to.
const InviteLinkPrefix = "/console/#invite="

type inviteRequest struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Mode  string `json:"mode"` // "link" or "password"
}

// Invite invites someone on behalf of actor; it returns the link, or the
// new agent and their password.
func (s *Service) Invite(ctx context.Context, actor store.Agent, req inviteRequest) (map[string]any, error) {
	email := strings.ToLower(strings.TrimSpace(req.Email))
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		return nil, badRequest("email: not an email address")
	}
	switch {
	case !store.ValidRole(req.Role):
		return nil, badRequest("role: must be owner, admin or agent")
	case req.Role == store.RoleOwner && actor.Role != store.RoleOwner:
		return nil, forbidden("only an owner may invite an owner")
	case req.Mode != "link" && req.Mode != "password":
		return nil, badRequest("mode: must be link or password")
	}
	if _, err := s.store.AgentByEmail(ctx, email); err == nil {
		return nil, conflict("someone on the team already uses that email")
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("account: invite: %w", err)
	}
	if req.Mode == "password" {
		a, password, err := admin.AddAgent(ctx, s.store, email, req.Name, req.Role)
		if errors.Is(err, store.ErrConflict) {
			return nil, conflict("someone on the team already uses that email")
		} else if err != nil {
			return nil, err
		}
		return map[string]any{"agent": toAgent(a), "password": password}, nil
	}
	token := "inv_" + store.RandomString(24)
	inv, err := s.store.CreateInvite(ctx, store.Invite{Email: email, Name: strings.TrimSpace(req.Name), Role: req.Role,
		TokenHash: auth.HashToken(token), CreatedBy: actor.ID, ExpiresAt: s.now().Add(inviteTTL)})
	if err != nil {
		return nil, fmt.Errorf("account: invite: %w", err)
	}
	return map[string]any{"link": InviteLinkPrefix + token, "email": inv.Email, "expires_at": inv.ExpiresAt.UTC()}, nil
}

// openInvite returns the usable invite of a token, or why it is not.
func (s *Service) openInvite(ctx context.Context, token string) (store.Invite, error) {
	inv, err := s.store.InviteByHash(ctx, auth.HashToken(strings.TrimSpace(token)))
	switch {
	case errors.Is(err, store.ErrNotFound) || token == "":
		return inv, &apiError{http.StatusNotFound, "invite_unknown", "this invite link is not valid"}
	case err != nil:
		return inv, fmt.Errorf("account: invite: %w", err)
	case !inv.UsedAt.IsZero():
		return inv, &apiError{http.StatusGone, "invite_used", "this invite link has already been used"}
	case !s.now().Before(inv.ExpiresAt):
		return inv, &apiError{http.StatusGone, "invite_expired", "this invite link has expired"}
	}
	return inv, nil
}

// AcceptInvite creates the invited agent with their password and signs
// them in; it returns the session and its cookie token.
func (s *Service) AcceptInvite(ctx context.Context, token, name, password string) (store.Session, store.Agent, string, error) {
	inv, err := s.openInvite(ctx, token)
	if err != nil {
		return store.Session{}, store.Agent{}, "", err
	}
	if name = strings.TrimSpace(name); name == "" || len(name) > 100 {
		return store.Session{}, store.Agent{}, "", badRequest("name: must be 1..100 characters")
	}
	if len([]rune(password)) < 10 {
		return store.Session{}, store.Agent{}, "", badRequest(ErrWeakPassword.Error())
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return store.Session{}, store.Agent{}, "", fmt.Errorf("account: accept invite: %w", err)
	}
	a, err := s.store.AcceptInvite(ctx, inv.TokenHash, store.Agent{Email: inv.Email, Name: name, Role: inv.Role, PasswordHash: hash})
	if errors.Is(err, store.ErrConflict) {
		if _, err := s.openInvite(ctx, token); err != nil {
			return store.Session{}, store.Agent{}, "", err // used or expired meanwhile
		}
		return store.Session{}, store.Agent{}, "", conflict("someone on the team already uses this invite's email")
	} else if err != nil {
		return store.Session{}, store.Agent{}, "", fmt.Errorf("account: accept invite: %w", err)
	}
	sess, cookie, err := s.openSession(ctx, a)
	return sess, a, cookie, err
}

// openSession signs a in: a new session and the token for its cookie.
func (s *Service) openSession(ctx context.Context, a store.Agent) (store.Session, string, error) {
	token := auth.NewSessionToken()
	sess, err := s.store.CreateSession(ctx, store.Session{AgentID: a.ID, TokenHash: auth.HashToken(token),
		CSRF: store.RandomString(20), ExpiresAt: s.now().Add(s.ttl)})
	if err != nil {
		return store.Session{}, "", fmt.Errorf("account: open session: %w", err)
	}
	return sess, token, nil
}

// createInvite serves POST /invites.
func (h *Handler) createInvite(w http.ResponseWriter, r *http.Request) {
	var req inviteRequest
	if err := decodeJSON(w, r, &req, `{"email", "name", "role", "mode": "link|password"}`); err != nil {
		h.reply(w, r, err)
		return
	}
	out, err := h.svc.Invite(r.Context(), signedInAgent(r).agent, req)
	if err != nil {
		h.reply(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

// checkInvite serves POST /invites/check {"token"}: the invite's email
// and name, or why it no longer works. The token travels in a body, not
// a URL, to stay out of logs.
func (h *Handler) checkInvite(w http.ResponseWriter, r *http.Request) {
	var req struct{ Token string }
	if err := decodeJSON(w, r, &req, `{"token"}`); err != nil {
		h.reply(w, r, err)
		return
	}
	inv, err := h.svc.openInvite(r.Context(), req.Token)
	if err != nil {
		h.reply(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"email": inv.Email, "name": inv.Name, "role": inv.Role})
}

// acceptInvite serves POST /invites/accept {"token", "name", "password"}
// and signs the new agent in, like /login.
func (h *Handler) acceptInvite(w http.ResponseWriter, r *http.Request) {
	var req struct{ Token, Name, Password string }
	if err := decodeJSON(w, r, &req, `{"token", "name", "password"}`); err != nil {
		h.reply(w, r, err)
		return
	}
	sess, a, token, err := h.svc.AcceptInvite(r.Context(), req.Token, req.Name, req.Password)
	if err != nil {
		h.reply(w, r, err)
		return
	}
	setSessionCookie(w, token, sess.ExpiresAt)
	writeJSON(w, http.StatusOK, map[string]any{"agent": toAgent(a), "csrf": sess.CSRF})
}

// setSessionCookie gives the browser the session's token.
func setSessionCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/", Secure: true, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Expires: expires})
}
