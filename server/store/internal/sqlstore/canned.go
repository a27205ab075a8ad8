package sqlstore

import (
	"context"
	"strings"

	"github.com/parley-chat/parley/server/store"
)

const cannedColumns = `id, shortcut, title, body, created_by, updated_at`

// CreateCanned stores a canned response, filling in an empty ID and a zero
// UpdatedAt. A shortcut already in use, in any case, is store.ErrConflict.
func (s *Store) CreateCanned(ctx context.Context, c store.CannedResponse) (store.CannedResponse, error) {
	c.ID = orNewID(c.ID, "cr")
	c.UpdatedAt = orNow(c.UpdatedAt)
	row := s.w.QueryRowContext(ctx, `INSERT INTO canned_responses
		(id, shortcut, shortcut_key, title, body, created_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING `+cannedColumns,
		c.ID, c.Shortcut, shortcutKey(c.Shortcut), c.Title, c.Body, c.CreatedBy, ms(c.UpdatedAt))
	out, err := scanCanned(row)
	return out, s.wrap("create canned response", err)
}

// ListCanned returns every canned response ordered by shortcut.
func (s *Store) ListCanned(ctx context.Context) ([]store.CannedResponse, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+cannedColumns+` FROM canned_responses ORDER BY shortcut_key`)
	out, err := collect(rows, err, scanCanned)
	return out, s.wrap("list canned responses", err)
}

// UpdateCanned replaces the shortcut, title and body of the canned
// response with c's ID and stamps it with the current time.
func (s *Store) UpdateCanned(ctx context.Context, c store.CannedResponse) (store.CannedResponse, error) {
	row := s.w.QueryRowContext(ctx, `UPDATE canned_responses SET shortcut = ?, shortcut_key = ?,
		title = ?, body = ?, updated_at = ? WHERE id = ? RETURNING `+cannedColumns,
		c.Shortcut, shortcutKey(c.Shortcut), c.Title, c.Body, ms(now()), c.ID)
	out, err := scanCanned(row)
	return out, s.wrap("update canned response", err)
}

// DeleteCanned deletes the canned response with this id.
func (s *Store) DeleteCanned(ctx context.Context, id string) error {
	res, err := s.w.ExecContext(ctx, `DELETE FROM canned_responses WHERE id = ?`, id)
	if err != nil {
		return s.wrap("delete canned response", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return s.wrap("delete canned response", notFoundOr(err))
	}
	return nil
}

func scanCanned(sc scanner) (store.CannedResponse, error) {
	var (
		c       store.CannedResponse
		updated int64
	)
	if err := sc.Scan(&c.ID, &c.Shortcut, &c.Title, &c.Body, &c.CreatedBy, &updated); err != nil {
		return store.CannedResponse{}, err
	}
	c.UpdatedAt = fromMS(updated)
	return c, nil
}

// shortcutKey is the form shortcuts are compared in.
func shortcutKey(s string) string { return strings.ToLower(s) }
