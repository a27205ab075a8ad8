package sqlstore

import (
	"context"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// The statements of an append by a writer that holds the database alone
// (see appendSerialized). None has a RETURNING clause: SQLite builds a
// temporary table for each one, and that cost more than the statements'
// own index updates.
const (
	qConvSeq = `SELECT last_seq, status FROM conversations
		WHERE id = ? AND (? <> 'visitor' OR visitor_id = ?)`
	qInsertNew = `INSERT INTO messages (` + msgColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (conversation_id, author_kind, author_id, cmid) DO NOTHING`
	qAdvance = `UPDATE conversations SET last_seq = ?, updated_at = ?, waiting_since = CASE
			WHEN ? = 'visitor' AND waiting_since = 0 THEN ?
			WHEN ? = 'agent' THEN 0
			ELSE waiting_since END
		WHERE id = ?`
)

// appendSerialized is appendMessage for a writer that holds the database
// alone, so that what it reads stays true until it commits: it reads the
// conversation's last seq and status, inserts the message after it and
// moves the conversation on. The insert's unique CMID index is the repeat
// check: a repeat inserts nothing and is answered with the earlier copy,
// having written nothing. wrote reports whether an error came after a
// change the transaction must not keep.
func appendSerialized(ctx context.Context, tx *Tx, m store.NewMessage) (msg store.Message, wrote bool, err error) {
	var (
		last   int64
		status string
	)
	// A visitor's message finds only that visitor's conversations.
	if err := tx.QueryRowContext(ctx, qConvSeq, m.ConvID, m.AuthorKind, m.AuthorID).Scan(&last, &status); err != nil {
		return store.Message{}, false, err
	}
	at := now()
	msg = store.Message{ID: store.NewID("m"), ConvID: m.ConvID, Seq: last + 1, AuthorKind: m.AuthorKind,
		AuthorID: m.AuthorID, AuthorName: m.AuthorName, CMID: m.CMID, Body: m.Body, At: at, Created: true}
	inserted, err := insertNew(ctx, tx, msg)
	if err != nil || !inserted {
		if err == nil {
			msg, err = earlierCopy(ctx, tx, m) // Created false
		}
		return msg, false, err
	}
	msg, err = advance(ctx, tx, msg, status)
	return msg, err != nil, err
}

// insertNew inserts msg unless its CMID is already stored.
func insertNew(ctx context.Context, tx *Tx, msg store.Message) (bool, error) {
	res, err := tx.ExecContext(ctx, qInsertNew, msg.ID, msg.ConvID, msg.Seq, msg.AuthorKind, msg.AuthorID,
		msg.AuthorName, msg.CMID, msg.Body, ms(msg.At))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// advance moves the conversation on to msg: its last seq and activity
// time, the visitor's wait (a visitor message starts it when none runs,
// an agent's answer ends it, bot and system messages leave it), and its
// status, which a visitor's message reopens.
func advance(ctx context.Context, tx *Tx, msg store.Message, status string) (store.Message, error) {
	at := ms(msg.At)
	if _, err := tx.ExecContext(ctx, qAdvance, msg.Seq, at, msg.AuthorKind, at, msg.AuthorKind, msg.ConvID); err != nil {
		return store.Message{}, err
	}
	if !reopens(msg.AuthorKind, status) {
		return msg, nil
	}
	msg.Reopened = true
	_, err := tx.ExecContext(ctx, qReopen, protocol.StatusOpen, msg.ConvID)
	return msg, err
}

// startSerialized is startConversation for a writer that holds the
// database alone: it writes without RETURNING and builds the pair from
// what it wrote. wrote reports a failure after the conversation went in,
// which spoils the transaction.
func startSerialized(ctx context.Context, tx *Tx, siteID, visitorID string, m store.NewMessage) (c store.Conversation, msg store.Message, wrote bool, err error) {
	c, msg, found, err := findStart(ctx, tx, siteID, visitorID, m)
	if found || err != nil {
		return c, msg, false, err
	}
	at := now()
	waiting := waitingAfter(m.AuthorKind, 0, at)
	c = store.Conversation{ID: store.NewID("c"), SiteID: siteID, VisitorID: visitorID, Status: protocol.StatusOpen,
		LastSeq: 1, CreatedAt: fromMS(ms(at)), UpdatedAt: fromMS(ms(at)), WaitingSince: fromMS(waiting)}
	if _, err := tx.ExecContext(ctx, qInsertConv, c.ID, siteID, visitorID, c.Status, m.CMID, ms(at), ms(at), waiting); err != nil {
		return store.Conversation{}, store.Message{}, false, err
	}
	msg = store.Message{ID: store.NewID("m"), ConvID: c.ID, Seq: 1, AuthorKind: m.AuthorKind, AuthorID: m.AuthorID,
		AuthorName: m.AuthorName, CMID: m.CMID, Body: m.Body, At: at, Created: true}
	if _, err := insertNew(ctx, tx, msg); err != nil {
		return c, store.Message{}, true, err
	}
	return c, msg, false, nil
}
