package account

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/store"
)

// CookieName is the session cookie. The __Host- prefix makes browsers
// insist on Secure, Path=/ and no Domain.
const CookieName = "__Host-parley_session"

// CSRFHeader carries the session's CSRF token on every state change.
const CSRFHeader = "X-CSRF-Token"

type ctxKey struct{}

type signedIn struct {
	sess  store.Session
	agent store.Agent
}

// Handler serves /api/console: the console's cookie-authenticated API.
type Handler struct {
	svc *Service
	log *slog.Logger
}

// Routes returns the console API router.
func Routes(svc *Service, log *slog.Logger) http.Handler {
	h := &Handler{svc: svc, log: log}
	r := chi.NewRouter()
	r.With(sameOrigin).Post("/login", h.login)
	r.Get("/session", h.session)
	r.With(sameOrigin).Post("/invites/check", h.checkInvite)
	r.With(sameOrigin).Post("/invites/accept", h.acceptInvite)
	r.Group(func(r chi.Router) {
		r.Use(h.requireSession)
		r.Get("/me", h.me)
		r.Get("/agents", h.listAgents)
		r.With(requireCSRF).Post("/logout", h.logout)
		r.With(requireCSRF).Post("/password", h.password)
		r.Get("/me/presence", h.getPresence)
		r.With(requireCSRF).Put("/me/presence", h.putPresence)
		r.With(requireCSRF, requireAdmin).Patch("/agents/{id}", h.patchAgent)
		r.Get("/conversations", h.listConversations)
		r.Get("/conversations/{id}", h.getConversation)
		r.Get("/conversations/{id}/notes", h.listNotes)
		r.With(requireCSRF).Patch("/conversations/{id}", h.patchConversation)
		// Settings: the agent's own profile and tokens; canned responses, sites and team for owners and admins.
		r.With(requireCSRF).Patch("/me", h.patchMe)
		r.Get("/canned", h.listCanned)
		r.With(requireCSRF, requireAdmin).Post("/canned", h.createCanned)
		r.With(requireCSRF, requireAdmin).Patch("/canned/{id}", h.updateCanned)
		r.With(requireCSRF, requireAdmin).Delete("/canned/{id}", h.deleteCanned)
		r.With(requireAdmin).Get("/sites", h.listSites)
		r.With(requireCSRF, requireAdmin).Post("/sites", h.createSite)
		r.With(requireCSRF, requireAdmin).Patch("/sites/{id}", h.updateSite)
		r.With(requireCSRF, requireAdmin).Post("/invites", h.createInvite)
		r.Get("/tokens", h.listTokens)
		r.With(requireCSRF).Post("/tokens", h.createToken)
		r.With(requireCSRF).Delete("/tokens/{id}", h.revokeToken)
		r.Get("/visitors/{id}/conversations", h.visitorConversations)
	})
	return r
}

type agentJSON struct {
	ID       string `json:"id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Disabled bool   `json:"disabled"`
	State    string `json:"state,omitempty"` // online, away or offline (GET /agents)
}

func toAgent(a store.Agent) agentJSON {
	return agentJSON{ID: a.ID, Email: a.Email, Name: a.Name, Role: a.Role, Disabled: a.Disabled}
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	var req struct{ Email, Password string }
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "send {\"email\", \"password\"}")
		return
	}
	sess, a, token, err := h.svc.Login(r.Context(), req.Email, req.Password, ClientIP(r))
	switch {
	case errors.Is(err, ErrThrottled):
		w.Header().Set("Retry-After", "60")
		writeError(w, http.StatusTooManyRequests, "rate_limited", "too many failed sign-ins; try again in a minute")
		return
	case errors.Is(err, ErrBadCredentials):
		writeError(w, http.StatusUnauthorized, "unauthorized", "wrong email or password")
		return
	case err != nil:
		h.log.Error("account: login", "err", err)
		writeError(w, http.StatusServiceUnavailable, "unavailable", "temporarily unavailable")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/", Secure: true, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt})
	writeJSON(w, http.StatusOK, map[string]any{"agent": toAgent(a), "csrf": sess.CSRF})
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	in := r.Context().Value(ctxKey{}).(signedIn)
	writeJSON(w, http.StatusOK, map[string]any{"agent": toAgent(in.agent), "csrf": in.sess.CSRF})
}

// session serves GET /session: like /me, but a visitor who is not signed
// in gets 200 {"agent": null}, so the console can ask at start without a
// failed request in the browser's console.
func (h *Handler) session(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(CookieName); err == nil {
		sess, a, err := h.svc.Authenticate(r.Context(), c.Value)
		switch {
		case err == nil:
			writeJSON(w, http.StatusOK, map[string]any{"agent": toAgent(a), "csrf": sess.CSRF})
			return
		case !errors.Is(err, ErrNoSession):
			h.fail(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"agent": nil, "csrf": ""})
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	in := r.Context().Value(ctxKey{}).(signedIn)
	if err := h.svc.Logout(r.Context(), in.sess); err != nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", "temporarily unavailable")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) password(w http.ResponseWriter, r *http.Request) {
	in := r.Context().Value(ctxKey{}).(signedIn)
	var req struct{ Current, New string }
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "send {\"current\", \"new\"}")
		return
	}
	switch err := h.svc.ChangePassword(r.Context(), in.agent, req.Current, req.New); {
	case errors.Is(err, ErrBadCredentials):
		writeError(w, http.StatusUnauthorized, "unauthorized", "the current password is wrong")
	case errors.Is(err, ErrWeakPassword):
		writeError(w, http.StatusBadRequest, "bad_request", err.Error())
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, "unavailable", "temporarily unavailable")
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

// SessionAgent returns the agent signed in with the request's cookie: the
// agent socket uses it to authenticate the console.
func (s *Service) SessionAgent(r *http.Request) (store.Agent, string, bool) {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return store.Agent{}, "", false
	}
	sess, a, err := s.Authenticate(r.Context(), c.Value)
	if err != nil {
		return store.Agent{}, "", false
	}
	return a, sess.ID, true
}

func (h *Handler) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(CookieName)
		if err != nil {
			writeError(w, http.StatusUnauthorized, "unauthorized", "sign in first")
			return
		}
		sess, a, err := h.svc.Authenticate(r.Context(), c.Value)
		if err != nil {
			writeError(w, http.StatusUnauthorized, "unauthorized", "sign in first")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, signedIn{sess, a})))
	})
}

// requireCSRF demands the session's CSRF token and a same-origin request:
// another site can make the browser send the cookie, but cannot read the
// token.
func requireCSRF(next http.Handler) http.Handler {
	return sameOrigin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in := r.Context().Value(ctxKey{}).(signedIn)
		got := r.Header.Get(CSRFHeader)
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(in.sess.CSRF)) != 1 {
			writeError(w, http.StatusForbidden, "forbidden", "missing or wrong CSRF token")
			return
		}
		next.ServeHTTP(w, r)
	}))
}

// sameOrigin refuses browser requests from another origin.
func sameOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" {
			if u, err := url.Parse(o); err != nil || !strings.EqualFold(u.Host, r.Host) {
				writeError(w, http.StatusForbidden, "forbidden", "cross-origin request refused")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if role := r.Context().Value(ctxKey{}).(signedIn).agent.Role; role != store.RoleOwner && role != store.RoleAdmin {
			writeError(w, http.StatusForbidden, "forbidden", "only owners and admins may do this")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// ClientIP is the request's peer address without the port.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"code": code, "error": msg})
}
