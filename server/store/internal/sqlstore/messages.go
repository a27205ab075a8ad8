package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

const msgColumns = `id, conversation_id, seq, author_kind, author_id, author_name, cmid, body, created_at`

// The statements of an append, which dialects with CacheStatements keep
// prepared (see appendStatements).
const (
	qEarlierCopy = `SELECT ` + msgColumns + ` FROM messages
		WHERE conversation_id = ? AND author_kind = ? AND author_id = ? AND cmid = ?`
	qTakeSeq = `UPDATE conversations SET last_seq = last_seq + 1,
		updated_at = ?, waiting_since = CASE
			WHEN ? = 'visitor' AND waiting_since = 0 THEN ?
			WHEN ? = 'agent' THEN 0
			ELSE waiting_since END
		WHERE id = ? AND (? <> 'visitor' OR visitor_id = ?) RETURNING last_seq, status`
	qInsertMessage = `INSERT INTO messages (` + msgColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ` + msgColumns
	qReopen = `UPDATE conversations SET status = ?, snoozed_until = 0 WHERE id = ?`
)

// appendStatements are the statements worth keeping prepared.
var appendStatements = []string{qEarlierCopy, qTakeSeq, qInsertMessage, qReopen, qConvSeq, qInsertNew, qAdvance}

// Message page limits.
const (
	defaultMsgLimit = 100
	maxMsgLimit     = 1000
)

// StartConversation creates an open conversation for a visitor of a site
// together with its first message (seq 1), atomically. A retry with the
// same visitor and CMID returns the original pair with Created false. An
// unknown visitor, or one of another site, is store.ErrNotFound.
func (s *Store) StartConversation(ctx context.Context, siteID, visitorID string, m store.NewMessage) (store.Conversation, store.Message, error) {
	m.CMID = orNewID(m.CMID, "auto")
	if s.batch != nil {
		return s.batch.startConversation(ctx, siteID, visitorID, m)
	}
	return s.startAlone(ctx, siteID, visitorID, m)
}

// startAlone is StartConversation in a transaction of its own.
func (s *Store) startAlone(ctx context.Context, siteID, visitorID string, m store.NewMessage) (store.Conversation, store.Message, error) {
	var (
		c   store.Conversation
		msg store.Message
	)
	err := s.writeIdempotent(ctx, "start conversation", func(tx *Tx) error {
		var err error
		c, msg, err = startConversation(ctx, tx, siteID, visitorID, m)
		return err
	})
	return c, msg, err
}

func startConversation(ctx context.Context, tx *Tx, siteID, visitorID string, m store.NewMessage) (store.Conversation, store.Message, error) {
	c, msg, found, err := findStart(ctx, tx, siteID, visitorID, m)
	if found || err != nil {
		return c, msg, err
	}
	at := now()
	c, err = scanConversation(tx.QueryRowContext(ctx, qInsertConv+` RETURNING `+convColumns,
		store.NewID("c"), siteID, visitorID, protocol.StatusOpen, m.CMID, ms(at), ms(at), waitingAfter(m.AuthorKind, 0, at)))
	if err != nil {
		return store.Conversation{}, store.Message{}, err
	}
	m.ConvID = c.ID
	msg, err = insertMessage(ctx, tx, m, 1, at)
	return c, msg, err
}

// qInsertConv inserts a new conversation: id, site, visitor, status, start
// CMID, created, updated and waiting since.
const qInsertConv = `INSERT INTO conversations
	(id, site_id, visitor_id, status, last_seq, start_cmid, created_at, updated_at, waiting_since)
	VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`

// findStart returns the conversation an earlier StartConversation with
// m's CMID made (found), or an error when the visitor is not the site's.
func findStart(ctx context.Context, tx *Tx, siteID, visitorID string, m store.NewMessage) (store.Conversation, store.Message, bool, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM conversations
		WHERE visitor_id = ? AND start_cmid = ? AND site_id = ?`, visitorID, m.CMID, siteID).Scan(&id)
	if err == nil {
		c, msg, err := existingStart(ctx, tx, id)
		return c, msg, true, err
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return store.Conversation{}, store.Message{}, false, err
	}
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM visitors WHERE id = ? AND site_id = ?`, visitorID, siteID).Scan(&one)
	return store.Conversation{}, store.Message{}, false, err
}

// existingStart returns a conversation found by its start CMID and its first
// message, for a retried StartConversation.
func existingStart(ctx context.Context, tx *Tx, convID string) (store.Conversation, store.Message, error) {
	c, err := conversation(ctx, tx, convID)
	if err != nil {
		return store.Conversation{}, store.Message{}, err
	}
	msg, err := scanMessage(tx.QueryRowContext(ctx, `SELECT `+msgColumns+` FROM messages
		WHERE conversation_id = ? AND seq = 1`, convID))
	return c, msg, err
}

// AppendMessage stores m with the conversation's next seq in one
// transaction, or returns the earlier message with the same (conversation,
// author, CMID) with Created false. A visitor message reopens a resolved or
// snoozed conversation. An empty CMID gets a random one, so such a message
// is never deduplicated.
func (s *Store) AppendMessage(ctx context.Context, m store.NewMessage) (store.Message, error) {
	m.CMID = orNewID(m.CMID, "auto")
	if s.batch != nil {
		return s.batch.append(ctx, m)
	}
	return s.appendAlone(ctx, m)
}

// appendAlone is AppendMessage in a transaction of its own.
func (s *Store) appendAlone(ctx context.Context, m store.NewMessage) (store.Message, error) {
	var msg store.Message
	err := s.writeIdempotent(ctx, "append message", func(tx *Tx) error {
		var err error
		msg, err = appendMessage(ctx, tx, m)
		return err
	})
	if errors.Is(err, errRepeat) {
		return msg, nil
	}
	return msg, err
}

// errRepeat ends the transaction of an append that finds an earlier copy
// of its message; rolling back gives back the seq it took.
var errRepeat = errors.New("repeated cmid")

func appendMessage(ctx context.Context, tx *Tx, m store.NewMessage) (store.Message, error) {
	// Take the next seq before looking for an earlier copy: the UPDATE
	// locks the conversation row, so of two nodes appending the same CMID
	// the second waits here until the first commits, and its next
	// statement then sees the first's message.
	at := now()
	seq, status, err := takeSeq(ctx, tx, m, at)
	if err != nil {
		return store.Message{}, err
	}
	prev, err := earlierCopy(ctx, tx, m)
	if err == nil {
		return prev, errRepeat // Created false
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return store.Message{}, err
	}
	return finishAppend(ctx, tx, m, seq, status, at)
}

// takeSeq moves the conversation's last seq on by one and returns it with
// the conversation's status; a visitor's message finds only that
// visitor's conversations. waiting_since: a visitor message starts the
// wait when none runs, an agent's answer ends it, bot and system messages
// leave it.
func takeSeq(ctx context.Context, tx *Tx, m store.NewMessage, at time.Time) (seq int64, status string, err error) {
	err = tx.QueryRowContext(ctx, qTakeSeq, ms(at), m.AuthorKind, ms(at), m.AuthorKind, m.ConvID,
		m.AuthorKind, m.AuthorID).Scan(&seq, &status)
	return seq, status, err
}

// finishAppend inserts the message with its seq and reopens the
// conversation when the message does.
func finishAppend(ctx context.Context, tx *Tx, m store.NewMessage, seq int64, status string, at time.Time) (store.Message, error) {
	msg, err := insertMessage(ctx, tx, m, seq, at)
	if err != nil || !reopens(m.AuthorKind, status) {
		return msg, err
	}
	msg.Reopened = true
	_, err = tx.ExecContext(ctx, qReopen, protocol.StatusOpen, m.ConvID)
	return msg, err
}

// earlierCopy finds a message already stored with m's conversation,
// author and CMID.
func earlierCopy(ctx context.Context, tx *Tx, m store.NewMessage) (store.Message, error) {
	return scanMessage(tx.QueryRowContext(ctx, qEarlierCopy, m.ConvID, m.AuthorKind, m.AuthorID, m.CMID))
}

// reopens reports whether a message by this kind of author moves a
// conversation in this status back to open.
func reopens(authorKind, status string) bool {
	return authorKind == protocol.AuthorVisitor &&
		(status == protocol.StatusResolved || status == protocol.StatusSnoozed)
}

func insertMessage(ctx context.Context, tx *Tx, m store.NewMessage, seq int64, at time.Time) (store.Message, error) {
	msg, err := scanMessage(tx.QueryRowContext(ctx, qInsertMessage,
		store.NewID("m"), m.ConvID, seq, m.AuthorKind, m.AuthorID, m.AuthorName, m.CMID, m.Body, ms(at)))
	msg.Created = err == nil
	return msg, err
}

// MessagesAfter returns up to limit (default 100) messages with seq > after,
// in seq order. An unknown conversation is store.ErrNotFound.
func (s *Store) MessagesAfter(ctx context.Context, convID string, after int64, limit int) ([]store.Message, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+msgColumns+` FROM messages
		WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
		convID, after, msgLimit(limit))
	msgs, err := collect(rows, err, scanMessage)
	if err == nil && len(msgs) == 0 {
		err = s.mustExist(ctx, convID)
	}
	return msgs, s.wrap("messages after", err)
}

// MessagesBefore returns up to limit (default 100) messages with seq <
// before, or the newest when before is 0, in seq order. An unknown
// conversation is store.ErrNotFound.
func (s *Store) MessagesBefore(ctx context.Context, convID string, before int64, limit int) ([]store.Message, error) {
	if before <= 0 {
		before = math.MaxInt64
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+msgColumns+` FROM messages
		WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
		convID, before, msgLimit(limit))
	msgs, err := collect(rows, err, scanMessage)
	if err == nil && len(msgs) == 0 {
		err = s.mustExist(ctx, convID)
	}
	slices.Reverse(msgs)
	return msgs, s.wrap("messages before", err)
}

// mustExist returns sql.ErrNoRows when there is no such conversation; used
// to tell an empty page from a wrong id.
func (s *Store) mustExist(ctx context.Context, convID string) error {
	var one int
	return s.r.QueryRowContext(ctx, `SELECT 1 FROM conversations WHERE id = ?`, convID).Scan(&one)
}

func msgLimit(limit int) int {
	if limit <= 0 {
		return defaultMsgLimit
	}
	return min(limit, maxMsgLimit)
}

func scanMessage(sc scanner) (store.Message, error) {
	var (
		m  store.Message
		at int64
	)
	err := sc.Scan(&m.ID, &m.ConvID, &m.Seq, &m.AuthorKind, &m.AuthorID, &m.AuthorName,
		&m.CMID, &m.Body, &at)
	if err != nil {
		return store.Message{}, err
	}
	m.At = fromMS(at)
	return m, nil
}
