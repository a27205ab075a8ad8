package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// queryCond keeps the conversations whose visitor's name or email, or one
// of whose messages, is LIKE the three pattern arguments. SQLite's LIKE
// ignores the case of ASCII letters; lower() makes that explicit and
// portable to PostgreSQL (where ILIKE would also do).
const queryCond = `(EXISTS (SELECT 1 FROM visitors qv WHERE qv.id = conversations.visitor_id
		AND (lower(qv.name) LIKE ? ESCAPE '\' OR lower(qv.email) LIKE ? ESCAPE '\'))
	OR EXISTS (SELECT 1 FROM messages qm WHERE qm.conversation_id = conversations.id
		AND lower(qm.body) LIKE ? ESCAPE '\'))`

// likePattern is "%q%" for LIKE … ESCAPE '\', lower-cased, with q's own
// %, _ and \ matching themselves.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(q)) + "%"
}

// waitingAfter is a conversation's waiting_since (ms) after a message by
// this kind of author written at "at", from cur.
func waitingAfter(authorKind string, cur int64, at time.Time) int64 {
	switch {
	case authorKind == protocol.AuthorVisitor && cur == 0:
		return ms(at)
	case authorKind == protocol.AuthorAgent:
		return 0
	}
	return cur
}

// InboxEntries returns ListConversations(f) with each conversation's
// visitor, newest message (joined on last_seq) and, with a query, newest
// matching message: one statement, however many conversations.
func (s *Store) InboxEntries(ctx context.Context, f store.ConversationFilter) ([]store.InboxEntry, error) {
	where, args := convWhere(f)
	limit := f.Limit
	if limit <= 0 {
		limit = defaultConvLimit
	}
	args = append(args, min(limit, maxConvLimit))
	match := `NULL`
	if f.Query != "" {
		match = `(SELECT qm.seq FROM messages qm WHERE qm.conversation_id = c.id
			AND lower(qm.body) LIKE ? ESCAPE '\' ORDER BY qm.seq DESC LIMIT 1)`
		args = append(args, likePattern(f.Query))
	}
	q := `SELECT ` + prefixed("c", convColumns) + `,
		COALESCE(v.name, ''), COALESCE(v.email, ''), ` + prefixed("m", msgColumns) + `, ` + prefixed("x", msgColumns) + `
		FROM (SELECT * FROM conversations` + where + ` ORDER BY updated_at DESC, id DESC LIMIT ?) c
		LEFT JOIN visitors v ON v.id = c.visitor_id
		LEFT JOIN messages m ON m.conversation_id = c.id AND m.seq = c.last_seq
		LEFT JOIN messages x ON x.conversation_id = c.id AND x.seq = ` + match + `
		ORDER BY c.updated_at DESC, c.id DESC`
	rows, err := s.r.QueryContext(ctx, q, args...)
	out, err := collect(rows, err, scanEntry)
	return out, s.wrap("inbox entries", err)
}

// prefixed qualifies a column list with the table alias t.
func prefixed(t, cols string) string {
	return t + "." + strings.Join(strings.Fields(cols), " "+t+".")
}

// nullMessage scans a LEFT JOINed message, all NULL when absent.
type nullMessage struct {
	id, conv, kind, author, name, cmid, body sql.NullString
	seq, at                                  sql.NullInt64
}

func (n *nullMessage) dest() []any {
	return []any{&n.id, &n.conv, &n.seq, &n.kind, &n.author, &n.name, &n.cmid, &n.body, &n.at}
}

func (n *nullMessage) message() *store.Message {
	if !n.id.Valid {
		return nil
	}
	return &store.Message{ID: n.id.String, ConvID: n.conv.String, Seq: n.seq.Int64, AuthorKind: n.kind.String,
		AuthorID: n.author.String, AuthorName: n.name.String, CMID: n.cmid.String, Body: n.body.String, At: fromMS(n.at.Int64)}
}

// entryScanner turns the conversation columns and the rest of an inbox
// row into one scan.
type entryScanner struct {
	sc   scanner
	rest []any
}

func (e entryScanner) Scan(dest ...any) error { return e.sc.Scan(append(dest, e.rest...)...) }

func scanEntry(sc scanner) (store.InboxEntry, error) {
	var (
		e           store.InboxEntry
		last, match nullMessage
	)
	rest := append([]any{&e.Visitor.Name, &e.Visitor.Email}, last.dest()...)
	c, err := scanConversation(entryScanner{sc: sc, rest: append(rest, match.dest()...)})
	if err != nil {
		return store.InboxEntry{}, err
	}
	e.Conversation, e.Visitor.ID = c, c.VisitorID
	e.Last, e.Match = last.message(), match.message()
	return e, nil
}

// WakeSnoozed reopens the snoozed conversations whose snoozed_until is set
// and not after now, in one UPDATE … RETURNING: a row another node
// reopened first no longer matches, so each is returned once.
func (s *Store) WakeSnoozed(ctx context.Context, now time.Time) ([]store.Conversation, error) {
	rows, err := s.w.QueryContext(ctx, `UPDATE conversations SET status = ?, snoozed_until = 0, updated_at = ?
		WHERE status = ? AND snoozed_until > 0 AND snoozed_until <= ? RETURNING `+convColumns,
		protocol.StatusOpen, ms(nowOr(now)), protocol.StatusSnoozed, ms(now))
	convs, err := collect(rows, err, scanConversation)
	return convs, s.wrap("wake snoozed", err)
}

// nowOr is the store's clock, unless t is later (a test's future clock).
func nowOr(t time.Time) time.Time {
	if n := now(); n.After(t) {
		return n
	}
	return t.UTC().Truncate(time.Millisecond)
}
