package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// qAppendOnce stores a message in one statement, so an append costs one
// round trip and one commit instead of five round trips. It locks the
// conversation row (only the visitor's own, for a visitor message), takes
// the next seq, reopens a resolved or snoozed conversation for a visitor,
// and inserts; it returns the seq and the status before, or no row when
// the conversation is not there or an earlier copy of the message is.
// The earlier-copy check sees the statement's snapshot: a copy a
// concurrent append commits meanwhile makes the insert fail on the unique
// key instead, and AppendMessage then takes the transactional path.
const qAppendOnce = `WITH prev AS (
	SELECT 1 FROM messages
	WHERE conversation_id = $1 AND author_kind = $2 AND author_id = $3 AND cmid = $4
), conv AS (
	SELECT id, status FROM conversations
	WHERE id = $1 AND ($2 <> 'visitor' OR visitor_id = $3) AND NOT EXISTS (SELECT 1 FROM prev)
	FOR UPDATE
), seq AS (
	UPDATE conversations c SET last_seq = c.last_seq + 1, updated_at = $7,
		waiting_since = CASE
			WHEN $2 = 'visitor' AND c.waiting_since = 0 THEN $7
			WHEN $2 = 'agent' THEN 0
			ELSE c.waiting_since END,
		status = CASE WHEN $2 = 'visitor' AND conv.status IN ('resolved', 'snoozed') THEN 'open' ELSE c.status END,
		snoozed_until = CASE WHEN $2 = 'visitor' AND conv.status IN ('resolved', 'snoozed') THEN 0 ELSE c.snoozed_until END
	FROM conv WHERE c.id = conv.id
	RETURNING c.last_seq, conv.status AS before
), ins AS (
	INSERT INTO messages (id, conversation_id, seq, author_kind, author_id, author_name, cmid, body, created_at)
	SELECT $8, $1, seq.last_seq, $2, $3, $5, $4, $6, $7 FROM seq
	RETURNING seq
)
SELECT ins.seq, seq.before FROM ins, seq`

// AppendMessage is store.Store's AppendMessage: in the next pipelined
// batch when it can be (a new message to a conversation that is there),
// else on its own. A repeat, an unknown conversation and a lost race on
// the message's CMID end up on the shared transactional path, which tells
// them apart.
func (s *Store) AppendMessage(ctx context.Context, m store.NewMessage) (store.Message, error) {
	if m.CMID == "" {
		m.CMID = store.NewID("auto")
	}
	msg, ok, err := s.pipe.append(ctx, m)
	if err != nil || ok {
		return msg, err
	}
	return s.appendOnce(ctx, m)
}

// appendOnce is AppendMessage in one statement of its own.
func (s *Store) appendOnce(ctx context.Context, m store.NewMessage) (store.Message, error) {
	msg := newMessage(m)
	var before string
	err := s.db.QueryRowContext(ctx, qAppendOnce, appendArgs(m, msg)...).Scan(&msg.Seq, &before)
	switch {
	case err == nil:
		msg.Reopened = reopened(m, before)
		return msg, nil
	case errors.Is(err, sql.ErrNoRows), errors.Is(classify(err), store.ErrConflict):
		return s.Store.AppendMessage(ctx, m)
	default:
		return store.Message{}, dialect.Wrap("append message", err)
	}
}

// newMessage is the message m becomes if qAppendOnce stores it, but for
// its seq.
func newMessage(m store.NewMessage) store.Message {
	return store.Message{ID: store.NewID("m"), ConvID: m.ConvID, AuthorKind: m.AuthorKind, AuthorID: m.AuthorID,
		AuthorName: m.AuthorName, CMID: m.CMID, Body: m.Body, At: time.Now().UTC().Truncate(time.Millisecond), Created: true}
}

// appendArgs are qAppendOnce's parameters.
func appendArgs(m store.NewMessage, msg store.Message) []any {
	return []any{m.ConvID, m.AuthorKind, m.AuthorID, m.CMID, m.AuthorName, m.Body, msg.At.UnixMilli(), msg.ID}
}

// reopened reports whether m moved a conversation out of status before.
func reopened(m store.NewMessage, before string) bool {
	return m.AuthorKind == protocol.AuthorVisitor &&
		(before == protocol.StatusResolved || before == protocol.StatusSnoozed)
}
