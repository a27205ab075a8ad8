package console

import (
	"strconv"
	"strings"
	"time"
)

// Ago says how long ago t was, as the inbox list shows it: "now" under a
// minute, then "5m", "3h", "2d".
func Ago(t, now time.Time, nowWord string) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return nowWord
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + "d"
}

// Urgency grades a wait for colour: "" under 5 minutes, "late" under 30,
// then "overdue".
func Urgency(since, now time.Time) string {
	switch d := now.Sub(since); {
	case since.IsZero() || d < 5*time.Minute:
		return ""
	case d < 30*time.Minute:
		return "late"
	}
	return "overdue"
}

// dayLabel names the day of t for the separators between messages.
func dayLabel(t, now time.Time, tx *texts) string {
	switch {
	case sameDay(t, now):
		return tx.Today
	case sameDay(t, now.AddDate(0, 0, -1)):
		return tx.Yesterday
	case t.Year() == now.Year():
		return t.Local().Format(tx.DayFormat)
	}
	return t.Local().Format(tx.YearFormat)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Local().Date()
	by, bm, bd := b.Local().Date()
	return ay == by && am == bm && ad == bd
}

func clock(t time.Time) string { return t.Local().Format("15:04") }

// fill replaces the first %s in format with v.
func fill(format, v string) string { return strings.Replace(format, "%s", v, 1) }

// initial is the first letter of name, in capitals, for avatars.
func initial(name string) string {
	for _, r := range strings.TrimSpace(name) {
		return strings.ToUpper(string(r))
	}
	return "?"
}
