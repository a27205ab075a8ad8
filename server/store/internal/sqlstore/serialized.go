package sqlstore

import (
	"cmp"
	"context"
	"database/sql"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// The statements of an append by a writer that holds the database alone
// (see appendSerialized). None has a RETURNING clause: SQLite builds a
// temporary table for each one, and that cost more than the statements'
// own index updates.
const (
	qConvSeq   = `SELECT last_seq, status, visitor_id FROM conversations WHERE id = ?`
	qInsertNew = `INSERT INTO messages (` + msgColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (conversation_id, author_kind, author_id, cmid) DO NOTHING`
	// qAdvance matches only the head the append was built on (see heads).
	qAdvance = `UPDATE conversations SET last_seq = ?, updated_at = ?, waiting_since = CASE
			WHEN ? = 'visitor' AND waiting_since = 0 THEN ?
			WHEN ? = 'agent' THEN 0
			ELSE waiting_since END
		WHERE id = ? AND last_seq = ? AND status = ?`
)

// appendSerialized is appendMessage for a writer that holds the database
// alone, so that what it reads stays true until it commits: it takes the
// conversation's head (last seq and status) from hs or reads it, inserts
// the message after it and moves the conversation on. The insert's unique
// CMID index is the repeat check: a repeat inserts nothing and is
// answered with the earlier copy, having written nothing. wrote reports
// whether an error came after a change the transaction must not keep.
func appendSerialized(ctx context.Context, tx *Tx, m store.NewMessage, hs *heads) (msg store.Message, wrote bool, err error) {
	h, known := hs.get(m.ConvID)
	if !known || !h.admits(m) {
		if h, err = readHead(ctx, tx, m); err != nil {
			return store.Message{}, false, err
		}
	}
	at := now()
	msg = store.Message{ID: store.NewID("m"), ConvID: m.ConvID, Seq: h.last + 1, AuthorKind: m.AuthorKind,
		AuthorID: m.AuthorID, AuthorName: m.AuthorName, CMID: m.CMID, Body: m.Body, At: at, Created: true}
	inserted, err := insertNew(ctx, tx, msg)
	if err != nil && known {
		// The remembered head was wrong: its seq is taken, or the
		// conversation is gone. The failed statement wrote nothing.
		hs.forget(m.ConvID)
		return appendSerialized(ctx, tx, m, hs)
	}
	if err != nil || !inserted {
		if err == nil {
			msg, err = earlierCopy(ctx, tx, m) // Created false
		}
		return msg, false, err
	}
	if msg, err = advance(ctx, tx, msg, h); err != nil {
		return msg, true, err
	}
	if msg.Reopened {
		h.status = protocol.StatusOpen
	}
	hs.put(m.ConvID, head{last: msg.Seq, status: h.status, visitor: h.visitor})
	return msg, false, nil
}

// readHead reads the head of m's conversation. A visitor's message finds
// only that visitor's conversations.
func readHead(ctx context.Context, tx *Tx, m store.NewMessage) (head, error) {
	var h head
	err := tx.QueryRowContext(ctx, qConvSeq, m.ConvID).Scan(&h.last, &h.status, &h.visitor)
	if err == nil && !h.admits(m) {
		err = sql.ErrNoRows
	}
	return h, err
}

// admits reports whether m's author may write to the conversation: a
// visitor only to its own.
func (h head) admits(m store.NewMessage) bool {
	return m.AuthorKind != protocol.AuthorVisitor || h.visitor == m.AuthorID
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

// advance moves the conversation from head h on to msg: its last seq and
// activity time, the visitor's wait (a visitor message starts it when none
// runs, an agent's answer ends it, bot and system messages leave it), and
// its status, which a visitor's message reopens. A conversation no longer
// at h is errStaleHead.
func advance(ctx context.Context, tx *Tx, msg store.Message, h head) (store.Message, error) {
	at := ms(msg.At)
	res, err := tx.ExecContext(ctx, qAdvance, msg.Seq, at, msg.AuthorKind, at, msg.AuthorKind, msg.ConvID, h.last, h.status)
	if err != nil {
		return store.Message{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return store.Message{}, cmp.Or(err, errStaleHead)
	}
	if !reopens(msg.AuthorKind, h.status) {
		return msg, nil
	}
	msg.Reopened = true
	_, err = tx.ExecContext(ctx, qReopen, protocol.StatusOpen, msg.ConvID)
	return msg, err
}

// startSerialized is startConversation for a writer that holds the
// database alone: it writes without RETURNING and builds the pair from
// what it wrote. wrote reports a failure after the conversation went in,
// which spoils the transaction.
func startSerialized(ctx context.Context, tx *Tx, siteID, visitorID string, m store.NewMessage, hs *heads) (c store.Conversation, msg store.Message, wrote bool, err error) {
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
	hs.put(c.ID, head{last: 1, status: c.Status, visitor: visitorID})
	return c, msg, false, nil
}
