package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

const convColumns = `id, site_id, visitor_id, status, assignee, priority, tags, last_seq,
	visitor_read_seq, agent_read_seq, created_at, updated_at, snoozed_until, waiting_since`

// Conversation list limits.
const (
	defaultConvLimit = 50
	maxConvLimit     = 1000
)

// ConversationByID returns the conversation with this id.
func (s *Store) ConversationByID(ctx context.Context, id string) (store.Conversation, error) {
	c, err := conversation(ctx, s.r, id)
	return c, s.wrap("conversation by id", err)
}

// ListConversations returns the conversations matching f, newest activity
// first (ties broken by id, descending).
func (s *Store) ListConversations(ctx context.Context, f store.ConversationFilter) ([]store.Conversation, error) {
	where, args := convWhere(f)
	limit := f.Limit
	if limit <= 0 {
		limit = defaultConvLimit
	}
	limit = min(limit, maxConvLimit)
	q := `SELECT ` + convColumns + ` FROM conversations` + where +
		` ORDER BY updated_at DESC, id DESC LIMIT ?`
	rows, err := s.r.QueryContext(ctx, q, append(args, limit)...)
	convs, err := collect(rows, err, scanConversation)
	return convs, s.wrap("list conversations", err)
}

// convWhere builds the WHERE clause and its arguments for f.
func convWhere(f store.ConversationFilter) (string, []any) {
	var (
		conds []string
		args  []any
	)
	add := func(cond string, vals ...any) {
		conds = append(conds, cond)
		args = append(args, vals...)
	}
	if len(f.SiteIDs) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.SiteIDs)), ", ")
		ids := make([]any, len(f.SiteIDs))
		for i, id := range f.SiteIDs {
			ids[i] = id
		}
		add("site_id IN ("+marks+")", ids...)
	}
	if f.Status != "" {
		add("status = ?", f.Status)
	}
	switch f.Assignee {
	case "":
	case "none":
		add("assignee = ''")
	default:
		add("assignee = ?", f.Assignee)
	}
	if f.VisitorID != "" {
		add("visitor_id = ?", f.VisitorID)
	}
	if f.Query != "" {
		p := likePattern(f.Query)
		add(queryCond, p, p, p)
	}
	if !f.Before.IsZero() && f.BeforeID != "" {
		add("(updated_at < ? OR (updated_at = ? AND id < ?))", ms(f.Before), ms(f.Before), f.BeforeID)
	} else if !f.Before.IsZero() {
		add("updated_at < ?", ms(f.Before))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// UpdateConversation applies the non-nil fields of p and marks the
// conversation active now.
func (s *Store) UpdateConversation(ctx context.Context, id string, p store.ConversationPatch) (store.Conversation, error) {
	if p.Status != nil && !protocol.ValidStatus(*p.Status) {
		return store.Conversation{}, fmt.Errorf("%s: update conversation: invalid status %q", s.d.Name, *p.Status)
	}
	var c store.Conversation
	err := s.write(ctx, "update conversation", func(tx *Tx) error {
		cur, err := lockConversation(ctx, tx, id)
		if err != nil {
			return err
		}
		c, err = saveConversation(ctx, tx, patched(cur, p))
		return err
	})
	return c, err
}

// patched returns c with p applied.
func patched(c store.Conversation, p store.ConversationPatch) store.Conversation {
	if p.Status != nil {
		c.Status = *p.Status
	}
	if p.Assignee != nil {
		c.Assignee = *p.Assignee
	}
	if p.Priority != nil {
		c.Priority = *p.Priority
	}
	if p.Tags != nil {
		c.Tags = *p.Tags
	}
	if p.SnoozedUntil != nil {
		c.SnoozedUntil = *p.SnoozedUntil
	}
	c.UpdatedAt = now()
	return c
}

// saveConversation writes c's mutable state fields (not its seqs).
func saveConversation(ctx context.Context, tx *Tx, c store.Conversation) (store.Conversation, error) {
	row := tx.QueryRowContext(ctx, `UPDATE conversations SET status = ?, assignee = ?,
		priority = ?, tags = ?, snoozed_until = ?, updated_at = ?
		WHERE id = ? RETURNING `+convColumns,
		c.Status, c.Assignee, c.Priority, jsonText(c.Tags, "[]"), ms(c.SnoozedUntil),
		ms(c.UpdatedAt), c.ID)
	return scanConversation(row)
}

// MarkRead moves the visitor's (authorKind "visitor") or the agents' (any
// other kind) read mark up to seq, never backwards and never past the last
// message. It does not count as activity.
func (s *Store) MarkRead(ctx context.Context, convID, authorKind string, seq int64) (store.Conversation, error) {
	col := "agent_read_seq"
	if authorKind == protocol.AuthorVisitor {
		col = "visitor_read_seq"
	}
	row := s.w.QueryRowContext(ctx, `UPDATE conversations
		SET `+col+` = `+s.d.Greatest+`(`+col+`, `+s.d.Least+`(?, last_seq))
		WHERE id = ? RETURNING `+convColumns, seq, convID)
	c, err := scanConversation(row)
	return c, s.wrap("mark read", err)
}

// conversation reads one conversation through q.
func conversation(ctx context.Context, q querier, id string) (store.Conversation, error) {
	row := q.QueryRowContext(ctx, `SELECT `+convColumns+` FROM conversations WHERE id = ?`, id)
	return scanConversation(row)
}

// lockConversation reads one conversation in tx and, where the dialect
// locks rows, keeps other writers of it waiting until tx ends: a
// read-modify-write of it then loses no concurrent change.
func lockConversation(ctx context.Context, tx *Tx, id string) (store.Conversation, error) {
	row := tx.QueryRowContext(ctx, `SELECT `+convColumns+` FROM conversations WHERE id = ?`+tx.forUpdate, id)
	return scanConversation(row)
}

func scanConversation(sc scanner) (store.Conversation, error) {
	var (
		c                       store.Conversation
		tags                    string
		created, updated, snooz int64
		waiting                 int64
	)
	err := sc.Scan(&c.ID, &c.SiteID, &c.VisitorID, &c.Status, &c.Assignee, &c.Priority, &tags,
		&c.LastSeq, &c.VisitorReadSeq, &c.AgentReadSeq, &created, &updated, &snooz, &waiting)
	if err != nil {
		return store.Conversation{}, err
	}
	c.CreatedAt, c.UpdatedAt, c.SnoozedUntil = fromMS(created), fromMS(updated), fromMS(snooz)
	c.WaitingSince = fromMS(waiting)
	return c, fromJSON(tags, &c.Tags)
}
