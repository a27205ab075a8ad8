package sqlstore

import (
	"context"

	"github.com/parley-chat/parley/server/store"
)

// ListTokens returns the agent's API tokens, revoked ones too, oldest
// first. Hashes are included; callers must not show them.
func (s *Store) ListTokens(ctx context.Context, agentID string) ([]store.Token, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, agent_id, name, hash, created_at, revoked_at
		FROM api_tokens WHERE agent_id = ? ORDER BY created_at, id`, agentID)
	out, err := collect(rows, err, scanToken)
	return out, s.wrap("list tokens", err)
}

func scanToken(sc scanner) (store.Token, error) {
	var (
		t                store.Token
		created, revoked int64
	)
	if err := sc.Scan(&t.ID, &t.AgentID, &t.Name, &t.Hash, &created, &revoked); err != nil {
		return store.Token{}, err
	}
	t.CreatedAt, t.RevokedAt = fromMS(created), fromMS(revoked)
	return t, nil
}
