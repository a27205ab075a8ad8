package sqlstore

import (
	"context"
	"time"

	"github.com/parley-chat/parley/server/store"
)

const sessionColumns = `id, agent_id, token_hash, csrf, created_at, expires_at`

// CreateSession stores a new session for an existing agent, filling in an
// empty ID and a zero CreatedAt. A reused token hash is store.ErrConflict
// and an unknown agent store.ErrNotFound.
func (s *Store) CreateSession(ctx context.Context, sess store.Session) (store.Session, error) {
	sess.ID = orNewID(sess.ID, "sess")
	sess.CreatedAt = orNow(sess.CreatedAt)
	row := s.w.QueryRowContext(ctx, `INSERT INTO sessions (`+sessionColumns+`)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING `+sessionColumns,
		sess.ID, sess.AgentID, sess.TokenHash, sess.CSRF, ms(sess.CreatedAt), ms(sess.ExpiresAt))
	out, err := scanSession(row)
	return out, s.wrap("create session", err)
}

// SessionByHash returns the unexpired session with this token hash whose
// agent is enabled. An expired session is store.ErrNotFound, like a missing
// one, so callers need no clock of their own.
func (s *Store) SessionByHash(ctx context.Context, tokenHash string) (store.Session, error) {
	row := s.r.QueryRowContext(ctx, `SELECT s.id, s.agent_id, s.token_hash, s.csrf,
		s.created_at, s.expires_at
		FROM sessions s JOIN agents a ON a.id = s.agent_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND NOT a.disabled`, tokenHash, ms(now()))
	sess, err := scanSession(row)
	return sess, s.wrap("session by hash", err)
}

// TouchSession sets the expiry of the session with this id.
func (s *Store) TouchSession(ctx context.Context, id string, expires time.Time) error {
	res, err := s.w.ExecContext(ctx, `UPDATE sessions SET expires_at = ? WHERE id = ?`,
		ms(expires), id)
	if err != nil {
		return s.wrap("touch session", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return s.wrap("touch session", notFoundOr(err))
	}
	return nil
}

// DeleteSession deletes the session with this id. Deleting a session that
// is already gone is not an error, so signing out twice is harmless.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	return s.wrap("delete session", err)
}

// DeleteAgentSessions deletes every session of the agent, if any.
func (s *Store) DeleteAgentSessions(ctx context.Context, agentID string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM sessions WHERE agent_id = ?`, agentID)
	return s.wrap("delete agent sessions", err)
}

func scanSession(sc scanner) (store.Session, error) {
	var (
		sess             store.Session
		created, expires int64
	)
	err := sc.Scan(&sess.ID, &sess.AgentID, &sess.TokenHash, &sess.CSRF, &created, &expires)
	if err != nil {
		return store.Session{}, err
	}
	sess.CreatedAt = fromMS(created)
	sess.ExpiresAt = fromMS(expires)
	return sess, nil
}
