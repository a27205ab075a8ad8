package sqlstore

import (
	"context"

	"github.com/parley-chat/parley/server/store"
)

const visitorColumns = `id, site_id, token_hash, name, email, user_id, verified, page_url,
	page_title, page_referrer, locale, attributes, created_at, last_seen_at, user_agent, timezone`

// CreateVisitor stores a new visitor of an existing site, filling in an
// empty ID and zero CreatedAt and LastSeenAt. A token hash already used on
// the site is store.ErrConflict; an unknown site is store.ErrNotFound.
func (s *Store) CreateVisitor(ctx context.Context, v store.Visitor) (store.Visitor, error) {
	v.ID = orNewID(v.ID, "v")
	v.CreatedAt = orNow(v.CreatedAt)
	if v.LastSeenAt.IsZero() {
		v.LastSeenAt = v.CreatedAt
	}
	row := s.w.QueryRowContext(ctx, `INSERT INTO visitors (`+visitorColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING `+visitorColumns,
		v.ID, v.SiteID, v.TokenHash, v.Name, v.Email, v.UserID, v.Verified, v.Page.URL,
		v.Page.Title, v.Page.Referrer, v.Locale, jsonText(v.Attributes, "{}"),
		ms(v.CreatedAt), ms(v.LastSeenAt), v.UserAgent, v.Timezone)
	out, err := scanVisitor(row)
	return out, s.wrap("create visitor", err)
}

// VisitorByID returns the visitor with this id.
func (s *Store) VisitorByID(ctx context.Context, id string) (store.Visitor, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+visitorColumns+` FROM visitors WHERE id = ?`, id)
	v, err := scanVisitor(row)
	return v, s.wrap("visitor by id", err)
}

// VisitorByToken finds a visitor of a site by the hash of their token.
func (s *Store) VisitorByToken(ctx context.Context, siteID, tokenHash string) (store.Visitor, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+visitorColumns+` FROM visitors
		WHERE site_id = ? AND token_hash = ?`, siteID, tokenHash)
	v, err := scanVisitor(row)
	return v, s.wrap("visitor by token", err)
}

// UpdateVisitor saves identity, page, locale, attributes, user agent, time
// zone and last seen (the
// current time when LastSeenAt is zero). Site, token and CreatedAt stay.
func (s *Store) UpdateVisitor(ctx context.Context, v store.Visitor) (store.Visitor, error) {
	row := s.w.QueryRowContext(ctx, `UPDATE visitors SET name = ?, email = ?, user_id = ?,
		verified = ?, page_url = ?, page_title = ?, page_referrer = ?, locale = ?,
		attributes = ?, last_seen_at = ?, user_agent = ?, timezone = ?
		WHERE id = ? RETURNING `+visitorColumns,
		v.Name, v.Email, v.UserID, v.Verified, v.Page.URL, v.Page.Title, v.Page.Referrer,
		v.Locale, jsonText(v.Attributes, "{}"), ms(orNow(v.LastSeenAt)), v.UserAgent, v.Timezone, v.ID)
	out, err := scanVisitor(row)
	return out, s.wrap("update visitor", err)
}

func scanVisitor(sc scanner) (store.Visitor, error) {
	var (
		v             store.Visitor
		attrs         string
		created, seen int64
	)
	err := sc.Scan(&v.ID, &v.SiteID, &v.TokenHash, &v.Name, &v.Email, &v.UserID, &v.Verified,
		&v.Page.URL, &v.Page.Title, &v.Page.Referrer, &v.Locale, &attrs, &created, &seen, &v.UserAgent, &v.Timezone)
	if err != nil {
		return store.Visitor{}, err
	}
	v.CreatedAt, v.LastSeenAt = fromMS(created), fromMS(seen)
	return v, fromJSON(attrs, &v.Attributes)
}
