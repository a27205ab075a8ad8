package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/parley-chat/parley/server/store"
)

const siteColumns = `id, key, name, origins, identity_secret, widget_color, widget_position,
	widget_greeting, widget_launcher_text, widget_locale, widget_pre_chat_form, created_at`

// CreateSite stores a new site. It fills in an empty ID, an empty Key and a
// zero CreatedAt; a Key already in use is store.ErrConflict.
func (s *Store) CreateSite(ctx context.Context, site store.Site) (store.Site, error) {
	site.ID = orNewID(site.ID, "s")
	if site.Key == "" {
		site.Key = store.RandomString(10)
	}
	site.CreatedAt = orNow(site.CreatedAt)
	row := s.w.QueryRowContext(ctx, `INSERT INTO sites (`+siteColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING `+siteColumns,
		siteArgs(site)...)
	out, err := scanSite(row)
	return out, s.wrap("create site", err)
}

// SiteByID returns the site with this id.
func (s *Store) SiteByID(ctx context.Context, id string) (store.Site, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+siteColumns+` FROM sites WHERE id = ?`, id)
	site, err := scanSite(row)
	return site, s.wrap("site by id", err)
}

// SiteByKey returns the site with this public key.
func (s *Store) SiteByKey(ctx context.Context, key string) (store.Site, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+siteColumns+` FROM sites WHERE key = ?`, key)
	site, err := scanSite(row)
	return site, s.wrap("site by key", err)
}

// ListSites returns every site, oldest first.
func (s *Store) ListSites(ctx context.Context) ([]store.Site, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+siteColumns+` FROM sites ORDER BY created_at, id`)
	sites, err := collect(rows, err, scanSite)
	return sites, s.wrap("list sites", err)
}

// UpdateSite replaces every field of the site except ID and CreatedAt.
func (s *Store) UpdateSite(ctx context.Context, site store.Site) (store.Site, error) {
	args := siteArgs(site)
	args = append(args[1:len(args)-1], site.ID) // all but id and created_at, then id
	row := s.w.QueryRowContext(ctx, `UPDATE sites SET key = ?, name = ?, origins = ?,
		identity_secret = ?, widget_color = ?, widget_position = ?, widget_greeting = ?,
		widget_launcher_text = ?, widget_locale = ?, widget_pre_chat_form = ?
		WHERE id = ? RETURNING `+siteColumns,
		args...)
	out, err := scanSite(row)
	return out, s.wrap("update site", err)
}

// siteArgs lists site's values in siteColumns order.
func siteArgs(s store.Site) []any {
	w := s.Widget
	return []any{s.ID, s.Key, s.Name, jsonText(s.Origins, "[]"), s.IdentitySecret,
		w.Color, w.Position, w.Greeting, w.LauncherText, w.Locale, w.PreChatForm, ms(s.CreatedAt)}
}

func scanSite(sc scanner) (store.Site, error) {
	var (
		s       store.Site
		w       = &s.Widget
		origins string
		created int64
	)
	err := sc.Scan(&s.ID, &s.Key, &s.Name, &origins, &s.IdentitySecret, &w.Color, &w.Position,
		&w.Greeting, &w.LauncherText, &w.Locale, &w.PreChatForm, &created)
	if err != nil {
		return store.Site{}, err
	}
	s.CreatedAt = fromMS(created)
	return s, fromJSON(origins, &s.Origins)
}

// jsonText encodes a slice or map as JSON, writing empty ones as empty.
func jsonText(v any, empty string) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return empty // []string and map[string]string always marshal
	}
	return string(b)
}

// fromJSON decodes text into dst, leaving dst nil when text is empty.
func fromJSON[T any](text string, dst *T) error {
	if text == "" || text == "[]" || text == "{}" || text == "null" {
		return nil
	}
	return json.Unmarshal([]byte(text), dst)
}
