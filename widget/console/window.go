package console

// The inbox list draws only the rows in view (plus a few either side) of
// lists up to a thousand long: go-app building and diffing every row made
// the inbox take seconds to become usable. Rows have a fixed height, so
// which rows are in view follows from the scroll offset alone.

// Window is the part of a long list that is drawn: rows First up to (not
// including) Last, with Above and Below pixels of empty space standing for
// the rows that are not.
type Window struct {
	First, Last  int
	Above, Below int
}

// VisibleWindow returns the rows of a list of total rows, each rowHeight
// pixels tall, to draw when it is scrolled to scrollTop in a viewport
// pixels tall: those at least partly visible and overscan more each side.
// Out-of-range offsets (overscrolling, a list that shrank) are clamped.
func VisibleWindow(total, rowHeight, scrollTop, viewport, overscan int) Window {
	if total <= 0 || rowHeight <= 0 {
		return Window{}
	}
	scrollTop = min(max(scrollTop, 0), max(total*rowHeight-viewport, 0))
	first := scrollTop/rowHeight - overscan
	last := (scrollTop+max(viewport, 0)+rowHeight-1)/rowHeight + overscan
	first, last = max(first, 0), min(max(last, first+1), total)
	return Window{First: first, Last: last, Above: first * rowHeight, Below: (total - last) * rowHeight}
}

// ScrollToShow returns the scroll offset that brings row i wholly into a
// viewport pixels tall scrolled to scrollTop, moving as little as
// possible: scrollTop itself when the row is already in view.
func ScrollToShow(i, rowHeight, scrollTop, viewport int) int {
	top, bottom := i*rowHeight, (i+1)*rowHeight
	switch {
	case top < scrollTop:
		return top
	case bottom > scrollTop+viewport:
		return max(bottom-viewport, 0)
	}
	return scrollTop
}
