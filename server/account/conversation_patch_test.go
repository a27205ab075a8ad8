package account

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func ptr[T any](v T) *T { return &v }

func TestPatchRequestToPatch(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	later := now.Add(time.Hour)
	zero := time.Time{}
	tests := []struct {
		name  string
		req   patchRequest
		want  store.ConversationPatch
		field string // the invalid field, "" when valid
	}{
		{name: "nothing", req: patchRequest{}, field: "request"},
		{name: "status open clears the snooze", req: patchRequest{Status: ptr("open")},
			want: store.ConversationPatch{Status: ptr("open"), SnoozedUntil: &zero}},
		{name: "assignee only", req: patchRequest{Assignee: ptr("a_1")}, want: store.ConversationPatch{Assignee: ptr("a_1")}},
		{name: "priority urgent", req: patchRequest{Priority: ptr("urgent")}, want: store.ConversationPatch{Priority: ptr("urgent")}},
		{name: "priority low", req: patchRequest{Priority: ptr("low")}, want: store.ConversationPatch{Priority: ptr("low")}},
		{name: "priority unknown", req: patchRequest{Priority: ptr("asap")}, field: "priority"},
		{name: "priority capitalised", req: patchRequest{Priority: ptr("High")}, field: "priority"},
		{name: "priority empty", req: patchRequest{Priority: ptr("")}, field: "priority"},
		{name: "tags cleaned and deduplicated", req: patchRequest{Tags: &[]string{"  VIP ", "vip", "Billing issue", "re-fund_2", "退款"}},
			want: store.ConversationPatch{Tags: &[]string{"vip", "billing issue", "re-fund_2", "退款"}}},
		{name: "no tags", req: patchRequest{Tags: &[]string{}}, want: store.ConversationPatch{Tags: &[]string{}}},
		{name: "ten tags", req: patchRequest{Tags: &[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}},
			want: store.ConversationPatch{Tags: &[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}}},
		{name: "eleven tags", req: patchRequest{Tags: &[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}}, field: "tags"},
		{name: "eleven with a duplicate", req: patchRequest{Tags: &[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "J"}},
			want: store.ConversationPatch{Tags: &[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}}},
		{name: "tag 32 chars", req: patchRequest{Tags: &[]string{strings.Repeat("x", 32)}},
			want: store.ConversationPatch{Tags: &[]string{strings.Repeat("x", 32)}}},
		{name: "tag 33 chars", req: patchRequest{Tags: &[]string{strings.Repeat("x", 33)}}, field: "tags"},
		{name: "blank tag", req: patchRequest{Tags: &[]string{"  "}}, field: "tags"},
		{name: "tag with markup", req: patchRequest{Tags: &[]string{"<b>"}}, field: "tags"},
		{name: "tag with comma", req: patchRequest{Tags: &[]string{"a,b"}}, field: "tags"},
		{name: "snooze", req: patchRequest{Status: ptr("snoozed"), SnoozedUntil: ptr("2026-11-22T13:00:00Z")},
			want: store.ConversationPatch{Status: ptr("snoozed"), SnoozedUntil: &later}},
		{name: "snooze with offset", req: patchRequest{Status: ptr("snoozed"), SnoozedUntil: ptr("2026-11-22T14:00:00+01:00")},
			want: store.ConversationPatch{Status: ptr("snoozed"), SnoozedUntil: &later}},
		{name: "snooze without until", req: patchRequest{Status: ptr("snoozed")}, field: "snoozed_until"},
		{name: "until without snooze", req: patchRequest{SnoozedUntil: ptr("2026-11-22T13:00:00Z")}, field: "snoozed_until"},
		{name: "until with status open", req: patchRequest{Status: ptr("open"), SnoozedUntil: ptr("2026-11-22T13:00:00Z")}, field: "snoozed_until"},
		{name: "until in the past", req: patchRequest{Status: ptr("snoozed"), SnoozedUntil: ptr("2026-11-22T11:00:00Z")}, field: "snoozed_until"},
		{name: "until now", req: patchRequest{Status: ptr("snoozed"), SnoozedUntil: ptr("2026-11-22T12:00:00Z")}, field: "snoozed_until"},
		{name: "until not RFC 3339", req: patchRequest{Status: ptr("snoozed"), SnoozedUntil: ptr("tomorrow 9am")}, field: "snoozed_until"},
		{name: "until without zone", req: patchRequest{Status: ptr("snoozed"), SnoozedUntil: ptr("2026-11-22T13:00:00")}, field: "snoozed_until"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.req.toPatch(now)
			var invalid *InvalidError
			switch {
			case tc.field != "" && (!errors.As(err, &invalid) || invalid.Field != tc.field):
				t.Fatalf("error = %v, want invalid %s", err, tc.field)
			case tc.field == "" && err != nil:
				t.Fatalf("error = %v", err)
			case tc.field == "" && !reflect.DeepEqual(got, tc.want):
				t.Fatalf("patch = %s, want %s", show(got), show(tc.want))
			}
		})
	}
}

func show(p store.ConversationPatch) string {
	var b strings.Builder
	if p.Status != nil {
		b.WriteString("status=" + *p.Status + " ")
	}
	if p.Assignee != nil {
		b.WriteString("assignee=" + *p.Assignee + " ")
	}
	if p.Priority != nil {
		b.WriteString("priority=" + *p.Priority + " ")
	}
	if p.Tags != nil {
		b.WriteString("tags=" + strings.Join(*p.Tags, "|") + " ")
	}
	if p.SnoozedUntil != nil {
		b.WriteString("until=" + p.SnoozedUntil.String())
	}
	return b.String()
}
