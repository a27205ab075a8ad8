package account

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/store"
)

// Sites in the console's settings (owners and admins only). Origins are
// checked by admin.NormalizeOrigins, as for `parley site add` and REST.
// The widget reads its site from the store on every config.json and
// every visitor hello, so an edit shows on the widget's next load.

type siteJSON struct {
	ID        string     `json:"id"`
	Key       string     `json:"key"`
	Name      string     `json:"name"`
	Origins   []string   `json:"origins"`
	Widget    widgetJSON `json:"widget"`
	CreatedAt time.Time  `json:"created_at"`
}

type widgetJSON struct {
	Color        string `json:"color"`
	Position     string `json:"position"`
	Greeting     string `json:"greeting"`
	LauncherText string `json:"launcher_text"`
	Locale       string `json:"locale"`
	PreChatForm  bool   `json:"pre_chat_form"`
}

func toSite(s store.Site) siteJSON {
	w := s.Widget
	return siteJSON{ID: s.ID, Key: s.Key, Name: s.Name, Origins: s.Origins, CreatedAt: s.CreatedAt.UTC(),
		Widget: widgetJSON{Color: w.Color, Position: w.Position, Greeting: w.Greeting, LauncherText: w.LauncherText,
			Locale: w.Locale, PreChatForm: w.PreChatForm}}
}

// siteRequest is a new site or a change: absent fields stay as they are.
type siteRequest struct {
	Name    *string     `json:"name"`
	Origins *[]string   `json:"origins"`
	Widget  *widgetJSON `json:"widget"`
}

const siteHint = `{"name", "origins": [...], "widget": {"color", "position", "greeting", "launcher_text", "locale", "pre_chat_form"}}`

var (
	colorRE  = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	localeRE = regexp.MustCompile(`^([a-z]{2,3}(-[A-Za-z0-9]{2,8})?)?$`)
)

// validWidget checks the widget's look.
func validWidget(w widgetJSON) (store.WidgetSettings, error) {
	out := store.WidgetSettings{Color: strings.ToLower(w.Color), Position: w.Position, Greeting: strings.TrimSpace(w.Greeting),
		LauncherText: strings.TrimSpace(w.LauncherText), Locale: w.Locale, PreChatForm: w.PreChatForm}
	switch {
	case !colorRE.MatchString(w.Color):
		return out, badRequest("widget.color: must be a colour such as #4f46e5")
	case w.Position != "left" && w.Position != "right":
		return out, badRequest("widget.position: must be left or right")
	case utf8.RuneCountInString(out.Greeting) > 200:
		return out, badRequest("widget.greeting: must be at most 200 characters")
	case out.LauncherText == "" || utf8.RuneCountInString(out.LauncherText) > 40:
		return out, badRequest("widget.launcher_text: must be 1..40 characters")
	case !localeRE.MatchString(w.Locale):
		return out, badRequest("widget.locale: must be empty (follow the browser) or a language tag such as en or zh-CN")
	}
	return out, nil
}

// SaveSite creates a site (id "") or applies a change to one.
func (s *Service) SaveSite(ctx context.Context, id string, req siteRequest) (store.Site, error) {
	var site store.Site
	var err error
	if id == "" {
		if req.Name == nil || req.Origins == nil {
			return store.Site{}, badRequest(`send at least {"name", "origins"}`)
		}
		if req.Widget != nil { // refuse a bad look before the site exists
			if _, err := validWidget(*req.Widget); err != nil {
				return store.Site{}, err
			}
		}
		if site, err = admin.CreateSite(ctx, s.store, *req.Name, *req.Origins); err != nil || req.Widget == nil {
			return site, err
		}
	} else if site, err = s.store.SiteByID(ctx, id); errors.Is(err, store.ErrNotFound) {
		return store.Site{}, notFound("no such site")
	} else if err != nil {
		return store.Site{}, fmt.Errorf("account: site: %w", err)
	}
	if err := applySite(&site, req); err != nil {
		return store.Site{}, err
	}
	if site, err = s.store.UpdateSite(ctx, site); err != nil {
		return store.Site{}, fmt.Errorf("account: update site: %w", err)
	}
	return site, nil
}

// applySite validates the request's fields into site.
func applySite(site *store.Site, req siteRequest) error {
	if req.Name != nil {
		name := strings.TrimSpace(*req.Name)
		if name == "" || len(name) > 100 {
			return badRequest("name: must be 1..100 characters")
		}
		site.Name = name
	}
	if req.Origins != nil {
		clean, err := admin.NormalizeOrigins(*req.Origins)
		if err != nil {
			return err
		}
		site.Origins = clean
	}
	if req.Widget != nil {
		w, err := validWidget(*req.Widget)
		if err != nil {
			return err
		}
		site.Widget = w
	}
	return nil
}

// listSites serves GET /sites.
func (h *Handler) listSites(w http.ResponseWriter, r *http.Request) {
	sites, err := h.svc.store.ListSites(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]siteJSON, 0, len(sites))
	for _, s := range sites {
		out = append(out, toSite(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"sites": out})
}

// createSite serves POST /sites.
func (h *Handler) createSite(w http.ResponseWriter, r *http.Request) { h.saveSite(w, r, "") }

// updateSite serves PATCH /sites/{id}.
func (h *Handler) updateSite(w http.ResponseWriter, r *http.Request) {
	h.saveSite(w, r, chi.URLParam(r, "id"))
}

func (h *Handler) saveSite(w http.ResponseWriter, r *http.Request, id string) {
	var req siteRequest
	if err := decodeJSON(w, r, &req, siteHint); err != nil {
		h.reply(w, r, err)
		return
	}
	site, err := h.svc.SaveSite(r.Context(), id, req)
	if err != nil {
		h.reply(w, r, err)
		return
	}
	status := http.StatusOK
	if id == "" {
		status = http.StatusCreated
	}
	writeJSON(w, status, toSite(site))
}
