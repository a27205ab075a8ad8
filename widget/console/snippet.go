package console

import (
	"strings"
	"time"
)

// splitMatch cuts s around the first occurrence of query, ignoring case,
// so the match can be marked; hit is "" when there is none (or case
// folding changes the text's length, where indexes would not line up).
func splitMatch(s, query string) (before, hit, after string) {
	ls, lq := strings.ToLower(s), strings.ToLower(query)
	i := strings.Index(ls, lq)
	if lq == "" || i < 0 || len(ls) != len(s) || len(lq) != len(query) {
		return s, "", ""
	}
	return s[:i], s[i : i+len(query)], s[i+len(query):]
}

// WakeLabel says when a snoozed conversation wakes: the time today, else
// (in the layouts of tx) the day and time within the week, else the date
// and time.
func WakeLabel(t, now time.Time, tx *texts) string {
	lt := t.Local()
	switch {
	case sameDay(t, now):
		return lt.Format("15:04")
	case lt.Sub(now.Local()) < 6*24*time.Hour && lt.After(now):
		return lt.Format(tx.WakeWeek)
	}
	return lt.Format(tx.WakeDate)
}

// trimLead keeps the last n characters of s, from a word's start when
// one is near, after "…".
func trimLead(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	kept := string(r[len(r)-n:])
	if i := strings.IndexByte(kept, ' '); i >= 0 && i < n/2 {
		kept = kept[i+1:]
	}
	return "…" + kept
}
