package console

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// sidebar is the pane's right column (below the thread on narrow
// screens): who the visitor is, where they are, their attributes and
// their other conversations.
func (c *Console) sidebar(cv *Conv) app.UI {
	d := c.p.detail
	if d == nil || d.ID != cv.ID {
		return app.Div().ID("sidebar").Class("sidebar").Role("complementary").Aria("label", c.t.Details).Aria("busy", "true").Hidden(c.p.sideHidden).Body(
			app.P().Class("side-loading").Text(c.t.Loading))
	}
	v := d.Visitor
	return app.Div().ID("sidebar").Class("sidebar").Role("complementary").Aria("label", c.t.Details).Hidden(c.p.sideHidden).Body(
		c.sideWho(cv, v),
		app.Section().Class("side-section").Aria("labelledby", "side-page").Body(
			app.H2().ID("side-page").Text(c.t.CurrentPage),
			pageLink(v.Page, c.t.NotKnown),
			app.P().Class("side-ref").Body(app.Span().Class("side-label").Text(c.t.Referrer+" "), app.Text(cmp.Or(host(v.Page.Referrer), c.t.Direct))),
		),
		app.Section().Class("side-section").Aria("labelledby", "side-about").Body(
			app.H2().ID("side-about").Text(c.t.Details),
			app.Ul().Class("side-facts").Body(
				fact("side-browser", c.t.Browser, cmp.Or(v.Browser, c.t.NotKnown)),
				fact("side-locale", c.t.Language, cmp.Or(v.Locale, c.t.NotKnown)),
				fact("side-time", c.t.LocalTime, cmp.Or(localTime(c.t.Lang, v.Timezone), c.t.NotKnown)),
			),
		),
		app.If(len(v.Attributes) > 0, func() app.UI { return c.attributes(v.Attributes) }),
		c.pastList(cv.ID),
	)
}

// sideWho is the visitor's name, verified mark and email.
func (c *Console) sideWho(cv *Conv, v Profile) app.UI {
	name := c.visitorName(cv)
	return app.Div().Class("side-who").Body(
		app.H2().Class("side-name").Body(
			app.Span().Text(name),
			app.If(v.Verified, func() app.UI {
				return app.Span().ID("side-verified").Class("verified").Title(c.t.Verified).Body(
					icon(pathVerified), app.Span().Class("sr-only").Text(c.t.Verified))
			}),
		),
		app.If(v.Email != "", func() app.UI {
			return app.A().ID("side-email").Class("side-email").Href("mailto:" + v.Email).Text(v.Email)
		}),
	)
}

// fact is one line of a definition list.
func fact(id, term, value string) app.UI {
	return app.Li().Class("fact").Body(app.Span().Class("fact-term").Text(term), app.Span().Class("fact-value").ID(id).Text(value))
}

// attributes lists the custom attributes the site set, by name.
func (c *Console) attributes(attrs map[string]string) app.UI {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return app.Section().Class("side-section").Aria("labelledby", "side-attrs").Body(
		app.H2().ID("side-attrs").Text(c.t.Attributes),
		app.Ul().Class("side-facts").Body(
			app.Range(keys).Slice(func(i int) app.UI {
				return app.Li().Class("fact").DataSet("attr", keys[i]).Body(app.Span().Class("fact-term").Text(keys[i]), app.Span().Class("fact-value").Text(attrs[keys[i]]))
			}),
		),
	)
}

// pastList is the visitor's other conversations; a click opens one.
func (c *Console) pastList(current string) app.UI {
	var past []Past
	for _, p := range c.p.past {
		if p.ID != current {
			past = append(past, p)
		}
	}
	return app.Section().Class("side-section").Aria("labelledby", "side-past").Body(
		app.H2().ID("side-past").Text(c.t.PastConversations),
		app.If(len(past) == 0, func() app.UI { return app.P().Class("side-empty").Text(c.t.NoPast) }),
		app.Ul().Class("past").Body(
			app.Range(past).Slice(func(i int) app.UI {
				p := past[i]
				text := c.t.Unnamed
				if p.Last != nil {
					text = p.Last.Body
				}
				return app.Li().Body(
					app.Button().Type("button").Class("past-item").DataSet("conv", p.ID).
						OnClick(func(ctx app.Context, e app.Event) {
							// open through the root: this row is gone once the other conversation shows
							c.dispatch(func(ctx app.Context) { c.open(ctx, p.ID) })
						}, app.EventScope(p.ID)).Body(
						app.Span().Class("status-dot").DataSet("status", p.Status).Aria("hidden", "true"),
						app.Span().Class("past-text").Text(text),
						app.Span().Class("past-when").Text(shortDate(p.UpdatedAt, time.Now(), c.t)),
					),
				)
			}),
		),
	)
}

// pageLink links the visitor's page by its title; only http(s) addresses
// become links.
func pageLink(p protocol.Page, unknown string) app.UI {
	title := cmp.Or(strings.TrimSpace(p.Title), p.URL, unknown)
	if !strings.HasPrefix(p.URL, "https://") && !strings.HasPrefix(p.URL, "http://") {
		return app.P().ID("side-page-link").Class("side-page").Text(title)
	}
	return app.A().ID("side-page-link").Class("side-page").Href(p.URL).Target("_blank").Rel("noopener noreferrer").
		Title(p.URL).Text(title)
}

// host is the host of an address, or the address itself when it has none.
func host(addr string) string {
	rest, ok := strings.CutPrefix(addr, "https://")
	if !ok {
		rest, _ = strings.CutPrefix(addr, "http://")
	}
	h, _, _ := strings.Cut(rest, "/")
	return h
}

// shortDate is a past conversation's day: the time today, else the date.
func shortDate(t, now time.Time, tx *texts) string {
	if sameDay(t, now) {
		return clock(t)
	}
	return dayLabel(t, now, tx)
}

// localTime is the time now in zone tz, formatted by the browser (the
// WebAssembly has no time zone database); "" when tz is empty or unknown.
func localTime(lang, tz string) (s string) {
	if tz == "" {
		return ""
	}
	defer func() {
		if recover() != nil {
			s = "" // the browser does not know the zone: RangeError
		}
	}()
	opts := map[string]any{"timeZone": tz, "hour": "2-digit", "minute": "2-digit"}
	return app.Window().Get("Date").New().Call("toLocaleTimeString", lang, opts).String()
}
