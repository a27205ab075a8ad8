package console

import "testing"

func TestVisibleWindow(t *testing.T) {
	const row = 68
	tests := []struct {
		name                                 string
		total, scrollTop, viewport, overscan int
		want                                 Window
	}{
		{"empty", 0, 0, 700, 4, Window{}},
		{"short list is drawn whole", 3, 0, 700, 4, Window{First: 0, Last: 3}},
		{"top of a long list", 1000, 0, 700, 4, Window{First: 0, Last: 15, Below: 985 * row}},
		{"scrolled a row and a half", 1000, 102, 700, 4, Window{First: 0, Last: 16, Below: 984 * row}},
		{"middle", 1000, 500 * row, 680, 4, Window{First: 496, Last: 514, Above: 496 * row, Below: 486 * row}},
		{"bottom", 1000, 1000*row - 680, 680, 4, Window{First: 986, Last: 1000, Above: 986 * row}},
		{"overscrolled past the end", 1000, 5000 * row, 680, 4, Window{First: 986, Last: 1000, Above: 986 * row}},
		{"negative offset (bounce)", 1000, -50, 680, 2, Window{First: 0, Last: 12, Below: 988 * row}},
		{"list shrank below the offset", 5, 900 * row, 680, 4, Window{First: 0, Last: 5}},
		{"no viewport yet still draws a row", 1000, 0, 0, 0, Window{First: 0, Last: 1, Below: 999 * row}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := VisibleWindow(tt.total, row, tt.scrollTop, tt.viewport, tt.overscan)
			if got != tt.want {
				t.Fatalf("VisibleWindow = %+v, want %+v", got, tt.want)
			}
			if drawn := (got.Above+got.Below)/row + got.Last - got.First; tt.total > 0 && drawn != tt.total {
				t.Fatalf("spacers and rows stand for %d rows, want %d", drawn, tt.total)
			}
		})
	}
}

func TestScrollToShow(t *testing.T) {
	const row, view = 50, 200
	tests := []struct {
		name         string
		i, top, want int
	}{
		{"in view stays", 2, 0, 0},
		{"above scrolls up to its top", 1, 120, 50},
		{"below scrolls down to its bottom", 10, 0, 350},
		{"partly below", 4, 0, 50},
		{"first row", 0, 400, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ScrollToShow(tt.i, row, tt.top, view); got != tt.want {
				t.Fatalf("ScrollToShow(%d, top %d) = %d, want %d", tt.i, tt.top, got, tt.want)
			}
		})
	}
}
