package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/parley-chat/parley/server/store"
)

const noteColumns = `id, conversation_id, author_id, author_name, cmid, body, created_at`

// AppendNote stores an internal note, or returns the earlier note with the
// same (conversation, author, CMID) with Created false. Notes do not count
// as conversation activity. An unknown conversation is store.ErrNotFound.
func (s *Store) AppendNote(ctx context.Context, m store.NewMessage) (store.Note, error) {
	m.CMID = orNewID(m.CMID, "auto")
	var n store.Note
	err := s.writeIdempotent(ctx, "append note", func(tx *Tx) error {
		var err error
		n, err = appendNote(ctx, tx, m)
		return err
	})
	return n, err
}

func appendNote(ctx context.Context, tx *Tx, m store.NewMessage) (store.Note, error) {
	prev, err := scanNote(tx.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM notes
		WHERE conversation_id = ? AND author_id = ? AND cmid = ?`, m.ConvID, m.AuthorID, m.CMID))
	if !errors.Is(err, sql.ErrNoRows) {
		return prev, err // found (Created false), or failed
	}
	n, err := scanNote(tx.QueryRowContext(ctx, `INSERT INTO notes (`+noteColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING `+noteColumns,
		store.NewID("n"), m.ConvID, m.AuthorID, m.AuthorName, m.CMID, m.Body, ms(now())))
	n.Created = err == nil
	return n, err
}

// Notes returns a conversation's notes, oldest first. An unknown
// conversation is store.ErrNotFound.
func (s *Store) Notes(ctx context.Context, convID string) ([]store.Note, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+noteColumns+` FROM notes
		WHERE conversation_id = ? ORDER BY created_at, id`, convID)
	notes, err := collect(rows, err, scanNote)
	if err == nil && len(notes) == 0 {
		err = s.mustExist(ctx, convID)
	}
	return notes, s.wrap("notes", err)
}

func scanNote(sc scanner) (store.Note, error) {
	var (
		n  store.Note
		at int64
	)
	err := sc.Scan(&n.ID, &n.ConvID, &n.AuthorID, &n.AuthorName, &n.CMID, &n.Body, &at)
	if err != nil {
		return store.Note{}, err
	}
	n.At = fromMS(at)
	return n, nil
}
