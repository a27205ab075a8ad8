package console

// Icons of the conversation pane (see icons.go).
const (
	pathChevron  = `<path d="M6 9l6 6 6-6"/>`
	pathSidebar  = `<rect x="3.5" y="4.5" width="17" height="15" rx="2.5"/><path d="M14.5 4.5v15"/>`
	pathClock    = `<circle cx="12" cy="12" r="8"/><path d="M12 8v4l2.5 2"/>`
	pathTick     = `<path d="M4.5 12.5l4 4 8-9"/>`
	pathTicks    = `<path d="M2.5 12.5l4 4 8-9"/><path d="M10.5 16.5l1 0 8-9"/>`
	pathCross    = `<path d="M7 7l10 10M17 7L7 17"/>`
	pathBack     = `<path d="M15 5l-7 7 7 7"/>`
	pathVerified = `<path d="M12 3l2.2 1.6 2.7-.1.9 2.6 2.2 1.6-.8 2.6.8 2.6-2.2 1.6-.9 2.6-2.7-.1L12 21l-2.2-1.6-2.7.1-.9-2.6-2.2-1.6.8-2.6-.8-2.6 2.2-1.6.9-2.6 2.7.1z"/><path d="M9 12.2l2 2 4-4.2"/>`
	pathEye      = `<path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z"/><circle cx="12" cy="12" r="2.8"/>`
)
