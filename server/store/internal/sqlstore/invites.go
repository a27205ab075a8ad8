package sqlstore

import (
	"context"
	"fmt"

	"github.com/parley-chat/parley/server/store"
)

const inviteColumns = `id, email, name, role, token_hash, created_by, created_at, expires_at, used_at`

// CreateInvite stores an invite with a lower-cased email, filling in an
// empty ID and a zero CreatedAt. A reused token hash is store.ErrConflict.
func (s *Store) CreateInvite(ctx context.Context, inv store.Invite) (store.Invite, error) {
	inv.ID = orNewID(inv.ID, "inv")
	inv.CreatedAt = orNow(inv.CreatedAt)
	row := s.w.QueryRowContext(ctx, `INSERT INTO invites (`+inviteColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING `+inviteColumns,
		inv.ID, normEmail(inv.Email), inv.Name, inv.Role, inv.TokenHash, inv.CreatedBy,
		ms(inv.CreatedAt), ms(inv.ExpiresAt), ms(inv.UsedAt))
	out, err := scanInvite(row)
	return out, s.wrap("create invite", err)
}

// InviteByHash returns the invite with this token hash, whatever its state.
func (s *Store) InviteByHash(ctx context.Context, tokenHash string) (store.Invite, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM invites WHERE token_hash = ?`, tokenHash)
	inv, err := scanInvite(row)
	return inv, s.wrap("invite by hash", err)
}

// AcceptInvite uses up the invite and creates the agent in one write
// transaction, so two acceptances of one link cannot both succeed: the
// UPDATE only matches an unused invite, and a concurrent second one waits
// for the first's row lock and then no longer matches.
func (s *Store) AcceptInvite(ctx context.Context, tokenHash string, a store.Agent) (store.Agent, error) {
	a.ID = orNewID(a.ID, "a")
	a.CreatedAt = orNow(a.CreatedAt)
	var out store.Agent
	err := s.write(ctx, "accept invite", func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE invites SET used_at = ?
			WHERE token_hash = ? AND used_at = 0 AND expires_at > ?`, ms(now()), tokenHash, ms(now()))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("the invite is used, expired or unknown: %w", store.ErrConflict)
		}
		row := tx.QueryRowContext(ctx, `INSERT INTO agents (`+agentColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING `+agentColumns,
			a.ID, normEmail(a.Email), a.Name, a.Role, a.PasswordHash, a.Disabled, ms(a.CreatedAt))
		out, err = scanAgent(row)
		return err
	})
	return out, err
}

func scanInvite(sc scanner) (store.Invite, error) {
	var (
		inv                    store.Invite
		created, expires, used int64
	)
	err := sc.Scan(&inv.ID, &inv.Email, &inv.Name, &inv.Role, &inv.TokenHash, &inv.CreatedBy,
		&created, &expires, &used)
	if err != nil {
		return store.Invite{}, err
	}
	inv.CreatedAt, inv.ExpiresAt, inv.UsedAt = fromMS(created), fromMS(expires), fromMS(used)
	return inv, nil
}
