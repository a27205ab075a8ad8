package console

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Icons are inline SVG (stroke icons on a 24 px grid), drawn in
// currentColor so the stylesheet colours them.

func logo() app.UI {
	return app.Raw(`<svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><rect width="32" height="32" rx="9" fill="#4f46e5"/><path d="M9 11.5a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v5.5a3 3 0 0 1-3 3h-4.5L12 23v-3h0a3 3 0 0 1-3-3z" fill="#fff"/></svg>`)
}

func icon(path string) app.UI {
	return app.Raw(`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">` + path + `</svg>`)
}

var viewIcons = map[View]string{
	ViewUnassigned: `<path d="M4 13h4l1.5 3h5L16 13h4"/><path d="M5.5 6h13L20 13v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-5z"/>`,
	ViewMine:       `<circle cx="12" cy="8.5" r="3.5"/><path d="M5 20c.8-3.5 3.6-5.5 7-5.5s6.2 2 7 5.5"/>`,
	ViewOpen:       `<path d="M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v7a2.5 2.5 0 0 1-2.5 2.5H10l-4 3.5V16h-.5A1.5 1.5 0 0 1 4 14.5z"/>`,
	ViewPending:    `<circle cx="12" cy="12" r="8"/><path d="M12 8v4l2.5 2"/>`,
	ViewSnoozed:    `<path d="M19 14.5A7.5 7.5 0 1 1 9.5 5a6 6 0 0 0 9.5 9.5z"/>`,
	ViewResolved:   `<circle cx="12" cy="12" r="8"/><path d="M8.5 12.2l2.4 2.4 4.6-5"/>`,
}

const (
	pathSignOut = `<path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3"/><path d="M10 16l-4-4 4-4"/><path d="M6 12h10"/>`
	pathSearch  = `<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4 4"/>`
	pathX       = `<path d="M7 7l10 10M17 7L7 17"/>`
	pathCheck   = `<path d="M5 12.5l4.5 4.5L19 7.5"/>`
	pathPerson  = `<circle cx="12" cy="8.5" r="3.5"/><path d="M5 20c.8-3.5 3.6-5.5 7-5.5s6.2 2 7 5.5"/>`
	pathLock    = `<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`
	pathClose   = `<path d="M6 6l12 12M18 6L6 18"/>`
	pathChat    = `<path d="M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v7a2.5 2.5 0 0 1-2.5 2.5H10l-4 3.5V16h-.5A1.5 1.5 0 0 1 4 14.5z"/><path d="M8.5 9h7M8.5 12h4"/>`
)
