// Package account signs agents in to the console: passwords (argon2id),
// sessions kept in the store under a hash, CSRF tokens, and throttled
// sign-in attempts. HTTP handlers are in http.go.
package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/parley-chat/parley/server/auth"
	"github.com/parley-chat/parley/server/ratelimit"
	"github.com/parley-chat/parley/server/store"
)

// Errors of the sign-in flow.
var (
	ErrBadCredentials = errors.New("account: wrong email or password")
	ErrThrottled      = errors.New("account: too many failed sign-ins")
	ErrNoSession      = errors.New("account: not signed in")
	ErrWeakPassword   = errors.New("account: the new password must be at least 10 characters")
)

// Kicker closes an agent's open sockets: all of them (sessionID "") or
// those of one session.
type Kicker interface {
	KickAgent(ctx context.Context, agentID, sessionID string)
}

// failureCounter counts failed sign-ins: Allow records one, Exhausted
// says whether a key has used up its attempts.
type failureCounter interface {
	Allow(key string) (bool, time.Duration)
	Exhausted(key string) bool
}

// Conversations changes a conversation and tells its visitor and every
// agent (the chat service), so that what the console does is seen live.
type Conversations interface {
	Update(ctx context.Context, id string, p store.ConversationPatch) (store.Conversation, error)
}

// Service manages sign-ins and serves the console's reads and changes.
type Service struct {
	store    store.Store
	kicker   Kicker
	convs    Conversations  // nil: the console cannot change conversations
	presence Presence       // nil: no online/away states
	failures failureCounter // failed sign-ins per account and per address
	ttl      time.Duration
	now      func() time.Time
}

// Option configures a Service.
type Option func(*Service)

// WithConversations lets the console change conversations through c.
func WithConversations(c Conversations) Option { return func(s *Service) { s.convs = c } }

// SignInAttempts is how many failed sign-ins per account and per address
// a minute allows before throttling.
const SignInAttempts = 5

// WithThrottle counts failed sign-ins in t (shared by every node through
// Redis) instead of in this process; t should allow SignInAttempts a
// minute.
func WithThrottle(t interface {
	Allow(key string) (bool, time.Duration)
	Exhausted(key string) bool
}) Option {
	return func(s *Service) { s.failures = t }
}

// New returns a Service; failed sign-ins are limited to five a minute per
// account and per address.
func New(st store.Store, k Kicker, opts ...Option) *Service {
	s := &Service{store: st, kicker: k, failures: ratelimit.NewMemory(SignInAttempts, SignInAttempts), ttl: 14 * 24 * time.Hour, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Login checks a password and opens a session; it returns the session and
// the token to put in the cookie.
func (s *Service) Login(ctx context.Context, email, password, ip string) (store.Session, store.Agent, string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if s.throttled("ip:"+ip) || s.throttled("acct:"+email) {
		return store.Session{}, store.Agent{}, "", ErrThrottled
	}
	a, err := s.store.AgentByEmail(ctx, email)
	if err == nil && !a.Disabled {
		err = auth.CheckPassword(a.PasswordHash, password)
	} else if err == nil || errors.Is(err, store.ErrNotFound) {
		_ = auth.CheckPassword(dummyHash(), password) // same work whether or not the account exists
		err = ErrBadCredentials
	}
	if err != nil {
		if errors.Is(err, auth.ErrBadPassword) || errors.Is(err, ErrBadCredentials) {
			s.fail("ip:"+ip, "acct:"+email)
			return store.Session{}, store.Agent{}, "", ErrBadCredentials
		}
		return store.Session{}, store.Agent{}, "", fmt.Errorf("account: login: %w", err)
	}
	token := auth.NewSessionToken()
	sess, err := s.store.CreateSession(ctx, store.Session{AgentID: a.ID, TokenHash: auth.HashToken(token),
		CSRF: store.RandomString(20), ExpiresAt: s.now().Add(s.ttl)})
	if err != nil {
		return store.Session{}, store.Agent{}, "", fmt.Errorf("account: login: %w", err)
	}
	return sess, a, token, nil
}

// dummyHash is checked against when the account does not exist, so that
// timing does not tell which emails have accounts. It is made on first use:
// hashing costs about 175 ms and 64 MiB, which every start of a node, and
// every node restart under a reconnect storm, would otherwise pay.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("parley-timing-equaliser")
	return h
})

// throttled reports whether key has used up its failed attempts.
func (s *Service) throttled(key string) bool { return s.failures.Exhausted(key) }

func (s *Service) fail(keys ...string) {
	for _, k := range keys {
		s.failures.Allow(k)
	}
}

// Authenticate returns the session and agent a cookie token belongs to,
// sliding the session's expiry forward.
func (s *Service) Authenticate(ctx context.Context, token string) (store.Session, store.Agent, error) {
	if token == "" {
		return store.Session{}, store.Agent{}, ErrNoSession
	}
	sess, err := s.store.SessionByHash(ctx, auth.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return store.Session{}, store.Agent{}, ErrNoSession
	} else if err != nil {
		return store.Session{}, store.Agent{}, fmt.Errorf("account: authenticate: %w", err)
	}
	a, err := s.store.AgentByID(ctx, sess.AgentID)
	if err != nil {
		return store.Session{}, store.Agent{}, fmt.Errorf("account: authenticate: %w", err)
	}
	if s.now().Add(s.ttl / 2).After(sess.ExpiresAt) {
		_ = s.store.TouchSession(ctx, sess.ID, s.now().Add(s.ttl))
	}
	return sess, a, nil
}

// Logout ends a session and closes its sockets.
func (s *Service) Logout(ctx context.Context, sess store.Session) error {
	if err := s.store.DeleteSession(ctx, sess.ID); err != nil {
		return fmt.Errorf("account: logout: %w", err)
	}
	s.kicker.KickAgent(ctx, sess.AgentID, sess.ID)
	return nil
}

// ChangePassword replaces an agent's password after checking the current
// one.
func (s *Service) ChangePassword(ctx context.Context, a store.Agent, current, next string) error {
	if err := auth.CheckPassword(a.PasswordHash, current); err != nil {
		return ErrBadCredentials
	}
	if len([]rune(next)) < 10 {
		return ErrWeakPassword
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	a.PasswordHash = hash
	if _, err := s.store.UpdateAgent(ctx, a); err != nil {
		return fmt.Errorf("account: change password: %w", err)
	}
	return nil
}

// SetDisabled enables or disables an agent; disabling signs them out
// everywhere and closes their sockets on every node.
func (s *Service) SetDisabled(ctx context.Context, agentID string, disabled bool) (store.Agent, error) {
	a, err := s.store.AgentByID(ctx, agentID)
	if err != nil {
		return store.Agent{}, fmt.Errorf("account: disable: %w", err)
	}
	a.Disabled = disabled
	if a, err = s.store.UpdateAgent(ctx, a); err != nil {
		return store.Agent{}, fmt.Errorf("account: disable: %w", err)
	}
	if disabled {
		if err := s.store.DeleteAgentSessions(ctx, agentID); err != nil {
			return store.Agent{}, fmt.Errorf("account: disable: %w", err)
		}
		s.kicker.KickAgent(ctx, agentID, "")
	}
	return a, nil
}
