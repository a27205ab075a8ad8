package console

import (
	"testing"
	"time"
)

func TestSplitMatch(t *testing.T) {
	tests := []struct{ s, q, before, hit, after string }{
		{"My PARCEL is late", "parcel", "My ", "PARCEL", " is late"},
		{"nothing", "parcel", "nothing", "", ""},
		{"parcel", "", "parcel", "", ""},
		{"…où est mon COLIS", "colis", "…où est mon ", "COLIS", ""},
	}
	for _, tt := range tests {
		b, h, a := splitMatch(tt.s, tt.q)
		if b != tt.before || h != tt.hit || a != tt.after {
			t.Errorf("splitMatch(%q, %q) = %q %q %q", tt.s, tt.q, b, h, a)
		}
	}
}

func TestWakeLabel(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local) // a Monday
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 3, 2, 17, 30, 0, 0, time.Local), "17:30"},
		{time.Date(2026, 3, 3, 9, 0, 0, 0, time.Local), "Tue 09:00"},
		{time.Date(2026, 3, 12, 9, 0, 0, 0, time.Local), "12 Mar 09:00"},
	}
	if got := WakeLabel(tests[1].at, now, chinese); got != "3月3日 09:00" {
		t.Errorf("WakeLabel in Chinese = %q", got)
	}
	for _, tt := range tests {
		if got := WakeLabel(tt.at, now, english); got != tt.want {
			t.Errorf("WakeLabel(%v) = %q, want %q", tt.at, got, tt.want)
		}
	}
}

func TestTrimLead(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short ", 16, "short "},
		{"Hello, my parcel tracking code is ", 16, "…code is "},
		{"…一二三四五六七八九十", 4, "…七八九十"},
	}
	for _, tt := range tests {
		if got := trimLead(tt.s, tt.n); got != tt.want {
			t.Errorf("trimLead(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
