package account

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// Limits of a conversation's tags.
const (
	maxTags     = 10
	maxTagChars = 32
)

// Priorities a conversation may have; "" (never set) reads as normal.
var priorities = []string{"low", "normal", "high", "urgent"}

// patchRequest is the body of PATCH /conversations/{id}.
type patchRequest struct {
	Status       *string   `json:"status"`
	Assignee     *string   `json:"assignee"`
	Priority     *string   `json:"priority"`
	Tags         *[]string `json:"tags"`
	SnoozedUntil *string   `json:"snoozed_until"`
}

// patchUsage is the error of a body that changes nothing.
const patchUsage = `send one or more of {"status": "open|pending|snoozed|resolved", "assignee": "AGENT_ID"|"", ` +
	`"priority": "low|normal|high|urgent", "tags": ["…"], "snoozed_until": "RFC 3339 time"}`

// toPatch validates the request at time now: a known priority, at most
// maxTags tags (trimmed, lower-cased, deduplicated), and snoozed_until in
// the future exactly when the status becomes snoozed. Any other status
// clears the snooze.
func (req patchRequest) toPatch(now time.Time) (store.ConversationPatch, error) {
	p := store.ConversationPatch{Status: req.Status, Assignee: req.Assignee, Priority: req.Priority}
	if req.Status == nil && req.Assignee == nil && req.Priority == nil && req.Tags == nil && req.SnoozedUntil == nil {
		return p, &InvalidError{Field: "request", Reason: "changes nothing: " + patchUsage}
	}
	if req.Priority != nil && !slices.Contains(priorities, *req.Priority) {
		return p, &InvalidError{Field: "priority", Reason: "must be low, normal, high or urgent"}
	}
	if req.Tags != nil {
		tags, err := cleanTags(*req.Tags)
		if err != nil {
			return p, err
		}
		p.Tags = &tags
	}
	until, err := req.snooze(now)
	if err != nil {
		return p, err
	}
	if req.Status != nil {
		p.SnoozedUntil = &until
	}
	return p, nil
}

// snooze checks snoozed_until against the status and returns when the
// snooze ends (zero for no snooze).
func (req patchRequest) snooze(now time.Time) (time.Time, error) {
	snoozing := req.Status != nil && *req.Status == protocol.StatusSnoozed
	switch {
	case req.SnoozedUntil == nil && snoozing:
		return time.Time{}, &InvalidError{Field: "snoozed_until", Reason: "is required with status snoozed"}
	case req.SnoozedUntil == nil:
		return time.Time{}, nil
	case !snoozing:
		return time.Time{}, &InvalidError{Field: "snoozed_until", Reason: `needs "status": "snoozed"`}
	}
	t, err := time.Parse(time.RFC3339, *req.SnoozedUntil)
	switch {
	case err != nil:
		return time.Time{}, &InvalidError{Field: "snoozed_until", Reason: "must be an RFC 3339 time such as 2026-05-04T09:00:00Z"}
	case !t.After(now):
		return time.Time{}, &InvalidError{Field: "snoozed_until", Reason: "must be in the future"}
	}
	return t.UTC(), nil
}

// cleanTags trims, lower-cases and deduplicates tags, keeping their order.
func cleanTags(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, raw := range in {
		tag := strings.ToLower(strings.TrimSpace(raw))
		if n := utf8.RuneCountInString(tag); n == 0 || n > maxTagChars || !tagChars(tag) {
			return nil, &InvalidError{Field: "tags", Reason: fmt.Sprintf("are 1..%d letters, digits, spaces, - or _ each", maxTagChars)}
		}
		if !slices.Contains(out, tag) {
			out = append(out, tag)
		}
	}
	if len(out) > maxTags {
		return nil, &InvalidError{Field: "tags", Reason: fmt.Sprintf("are at most %d", maxTags)}
	}
	return out, nil
}

func tagChars(tag string) bool {
	for _, r := range tag {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '_' {
			return false
		}
	}
	return true
}
