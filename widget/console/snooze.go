package console

import "time"

// SnoozePreset is one of the status menu's "Snooze until…" choices.
type SnoozePreset struct {
	Key string // "hour", "tomorrow" or "monday": which words name it
	At  time.Time
}

// morning is the hour snoozes to a later day end at.
const morning = 9

// SnoozePresets returns, for now (in the agent's zone): in one hour,
// tomorrow at 09:00 and next Monday at 09:00 (a week on when today is
// Monday).
func SnoozePresets(now time.Time) []SnoozePreset {
	y, mo, d := now.Date()
	days := (8 - int(now.Weekday())) % 7
	if days == 0 {
		days = 7
	}
	return []SnoozePreset{
		{Key: "hour", At: now.Add(time.Hour).Truncate(time.Minute)},
		{Key: "tomorrow", At: time.Date(y, mo, d+1, morning, 0, 0, 0, now.Location())},
		{Key: "monday", At: time.Date(y, mo, d+days, morning, 0, 0, 0, now.Location())},
	}
}

// localInput is the layout of an <input type="datetime-local"> value.
const localInput = "2006-01-02T15:04"

// ParseSnooze reads a datetime-local value in loc; ok is false when it is
// malformed or not after now.
func ParseSnooze(v string, now time.Time, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation(localInput, v, loc)
	if err != nil || !t.After(now) {
		return time.Time{}, false
	}
	return t, true
}
