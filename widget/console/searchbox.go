package console

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// matchLead is how many characters of a match's message a row shows
// before the match, so that a narrow list still shows the match.
const matchLead = 16

// searchDelay is how long the agent pauses typing before the search runs.
const searchDelay = 200 * time.Millisecond

// searchBox is the search field at the top of the list. Esc or the clear
// button empties it; Arrow Down moves to the first result.
func (c *Console) searchBox() app.UI {
	return app.Div().Class("search").Role("search").Body(
		app.Label().For("search").Class("sr-only").Text(c.t.SearchLabel),
		app.Span().Class("search-icon").Body(icon(pathSearch)),
		app.Input().ID("search").Type("search").Class("search-input").Placeholder(c.t.SearchPlaceholder).
			AutoComplete(false).Spellcheck(false).Value(c.m.Search.Text).Aria("controls", "convs").
			OnInput(func(ctx app.Context, e app.Event) { c.typeSearch(ctx, ctx.JSSrc().Get("value").String()) }).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				switch e.Get("key").String() {
				case "Escape":
					c.clearSearch(ctx)
				case "ArrowDown":
					if el := app.Window().Get("document").Call("querySelector", "#convs .conv"); el.Truthy() {
						el.Call("focus")
					}
				}
			}),
		app.If(c.m.Search.Text != "", func() app.UI {
			return app.Button().ID("search-clear").Type("button").Class("icon-btn", "search-clear").
				Title(c.t.ClearSearch).Aria("label", c.t.ClearSearch).
				OnClick(func(ctx app.Context, e app.Event) {
					focus("search") // before the button goes, taking the focus with it
					c.clearSearch(ctx)
				}).Body(icon(pathX))
		}),
	)
}

// searchStatus is the screen-reader announcement of what the search
// found; always in the list, so that changes to it are read out.
func (c *Console) searchStatus(found int) app.UI {
	text := ""
	switch q := strings.TrimSpace(c.m.Search.Text); {
	case q == "":
	case c.m.Loading():
		text = c.t.Searching
	case c.m.Search.Failed:
		text = c.t.SearchFailed
	case found == 0:
		text = fill(c.t.NoMatches, q)
	default:
		text = fill(c.t.Found, strconv.Itoa(found))
	}
	return app.P().ID("search-status").Class("sr-only").Role("status").Aria("live", "polite").Text(text)
}

// results is the list while a query is in: what the search found, of any
// status, newest first.
func (c *Console) results() app.UI {
	convs := c.m.Results()
	loading := c.m.Loading()
	return app.Section().Class("list").Aria("labelledby", "list-title").Aria("busy", loading).Body(
		c.searchBox(),
		c.searchStatus(len(convs)),
		app.Header().Class("list-head").Body(
			app.H1().ID("list-title").Text(c.t.SearchResults),
			app.If(!loading, func() app.UI { return app.Span().Class("list-count").Text(len(convs)) }),
		),
		app.If(len(convs) == 0, func() app.UI {
			text := fill(c.t.NoMatches, strings.TrimSpace(c.m.Search.Text))
			switch {
			case loading:
				text = c.t.Searching
			case c.m.Search.Failed:
				text = c.t.SearchFailed
			}
			return app.Div().Class("list-empty").Body(icon(pathSearch), app.P().Text(text))
		}).Else(func() app.UI { return c.rows(convs, c.t.SearchResults) }),
	)
}

// typeSearch records an edit of the search box and runs the search once
// the agent has paused.
func (c *Console) typeSearch(ctx app.Context, text string) {
	was := c.m.Searching()
	gen := c.m.TypeSearch(text)
	if was != c.m.Searching() {
		c.toTop(ctx)
	}
	ctx.After(searchDelay, func(ctx app.Context) {
		if c.m == nil {
			return
		}
		if q, ok := c.m.SearchDue(gen); ok {
			c.runSearch(ctx, q)
		}
	})
}

// runSearch asks the console API for query's results.
func (c *Console) runSearch(ctx app.Context, query string) {
	go func() {
		list, err := c.api.search(query)
		ctx.Dispatch(func(ctx app.Context) {
			if c.m == nil {
				return
			}
			if httpStatus(err) == statusUnauthorized {
				c.signedOut(ctx, c.t.SessionEnded)
				return
			}
			c.m.SearchResults(query, list, err != nil)
			c.toTop(ctx)
		})
	}()
}

// clearSearch empties the search box: the list shows the view again.
func (c *Console) clearSearch(ctx app.Context) {
	if c.m.Search.Text == "" {
		return
	}
	clearValue("search") // the box's value is the browser's once typed in
	c.m.ClearSearch()
	c.toTop(ctx)
}

// previewOrMatch is a row's second line: the last message, or in search
// results the message that matched, the query marked.
func (c *Console) previewOrMatch(cv *Conv) app.UI {
	m, ok := c.m.Search.Matches[cv.ID]
	if !c.m.Searching() || !ok {
		return app.Span().Class("conv-preview").Text(c.preview(cv))
	}
	before, hit, after := splitMatch(m.Body, c.m.Search.Query)
	before = trimLead(before, matchLead)
	return app.Span().Class("conv-preview", "conv-match").Body(
		app.Text(before), app.If(hit != "", func() app.UI { return app.Mark().Text(hit) }), app.Text(after))
}

func (a *api) search(query string) ([]Summary, error) {
	var out struct{ Conversations []Summary }
	err := a.call("GET", "/conversations?q="+app.Window().Call("encodeURIComponent", query).String(), nil, &out)
	return out.Conversations, err
}
