package sqlstore

import (
	"context"
	"strings"

	"github.com/parley-chat/parley/server/store"
)

const agentColumns = `id, email, name, role, password_hash, disabled, created_at`

// CreateAgent stores a new agent with a lower-cased email, filling in an
// empty ID and a zero CreatedAt. An email already in use, in any case, is
// store.ErrConflict.
func (s *Store) CreateAgent(ctx context.Context, a store.Agent) (store.Agent, error) {
	a.ID = orNewID(a.ID, "a")
	a.CreatedAt = orNow(a.CreatedAt)
	row := s.w.QueryRowContext(ctx, `INSERT INTO agents (`+agentColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING `+agentColumns,
		a.ID, normEmail(a.Email), a.Name, a.Role, a.PasswordHash, a.Disabled, ms(a.CreatedAt))
	out, err := scanAgent(row)
	return out, s.wrap("create agent", err)
}

// AgentByID returns the agent with this id.
func (s *Store) AgentByID(ctx context.Context, id string) (store.Agent, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+agentColumns+` FROM agents WHERE id = ?`, id)
	a, err := scanAgent(row)
	return a, s.wrap("agent by id", err)
}

// AgentByEmail returns the agent with this email, compared case-insensitively.
func (s *Store) AgentByEmail(ctx context.Context, email string) (store.Agent, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+agentColumns+` FROM agents WHERE email = ?`,
		normEmail(email))
	a, err := scanAgent(row)
	return a, s.wrap("agent by email", err)
}

// ListAgents returns every agent, oldest first.
func (s *Store) ListAgents(ctx context.Context) ([]store.Agent, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+agentColumns+` FROM agents ORDER BY created_at, id`)
	agents, err := collect(rows, err, scanAgent)
	return agents, s.wrap("list agents", err)
}

// UpdateAgent replaces every field of the agent except ID and CreatedAt.
func (s *Store) UpdateAgent(ctx context.Context, a store.Agent) (store.Agent, error) {
	row := s.w.QueryRowContext(ctx, `UPDATE agents SET email = ?, name = ?, role = ?,
		password_hash = ?, disabled = ? WHERE id = ? RETURNING `+agentColumns,
		normEmail(a.Email), a.Name, a.Role, a.PasswordHash, a.Disabled, a.ID)
	out, err := scanAgent(row)
	return out, s.wrap("update agent", err)
}

// CreateToken stores a new API token hash for an existing agent, filling in
// an empty ID and a zero CreatedAt. A reused hash is store.ErrConflict and
// an unknown agent store.ErrNotFound.
func (s *Store) CreateToken(ctx context.Context, t store.Token) (store.Token, error) {
	t.ID = orNewID(t.ID, "t")
	t.CreatedAt = orNow(t.CreatedAt)
	t.RevokedAt = fromMS(ms(t.RevokedAt))
	_, err := s.w.ExecContext(ctx, `INSERT INTO api_tokens
		(id, agent_id, name, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)`,
		t.ID, t.AgentID, t.Name, t.Hash, ms(t.CreatedAt), ms(t.RevokedAt))
	if err != nil {
		return store.Token{}, s.wrap("create token", err)
	}
	return t, nil
}

// AgentByToken returns the enabled agent owning the unrevoked token with
// this hash.
func (s *Store) AgentByToken(ctx context.Context, tokenHash string) (store.Agent, error) {
	row := s.r.QueryRowContext(ctx, `SELECT a.id, a.email, a.name, a.role, a.password_hash,
		a.disabled, a.created_at
		FROM api_tokens t JOIN agents a ON a.id = t.agent_id
		WHERE t.hash = ? AND t.revoked_at = 0 AND NOT a.disabled`, tokenHash)
	a, err := scanAgent(row)
	return a, s.wrap("agent by token", err)
}

// RevokeToken revokes the token with this id; revoking twice keeps the
// first revocation time.
func (s *Store) RevokeToken(ctx context.Context, id string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE api_tokens
		SET revoked_at = CASE WHEN revoked_at = 0 THEN ? ELSE revoked_at END
		WHERE id = ?`, ms(now()), id)
	if err != nil {
		return s.wrap("revoke token", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return s.wrap("revoke token", notFoundOr(err))
	}
	return nil
}

func scanAgent(sc scanner) (store.Agent, error) {
	var (
		a       store.Agent
		created int64
	)
	err := sc.Scan(&a.ID, &a.Email, &a.Name, &a.Role, &a.PasswordHash, &a.Disabled, &created)
	if err != nil {
		return store.Agent{}, err
	}
	a.CreatedAt = fromMS(created)
	return a, nil
}

// normEmail is the form emails are stored and looked up in.
func normEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }
