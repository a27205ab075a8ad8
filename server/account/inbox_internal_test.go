package account

import (
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func TestLastAndWaiting(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	msg := func(seq int64, kind string) store.Message {
		return store.Message{Seq: seq, AuthorKind: kind, At: t0.Add(time.Duration(seq) * time.Minute)}
	}
	tests := []struct {
		name      string
		msgs      []store.Message
		wantLast  int64
		wantSince time.Time
	}{
		{"no messages", nil, 0, time.Time{}},
		{"one visitor message", []store.Message{msg(1, "visitor")}, 1, t0.Add(time.Minute)},
		{"answered", []store.Message{msg(1, "visitor"), msg(2, "agent")}, 2, time.Time{}},
		{"asked again", []store.Message{msg(1, "visitor"), msg(2, "agent"), msg(3, "visitor"), msg(4, "visitor")}, 4, t0.Add(3 * time.Minute)},
		{"a bot does not answer", []store.Message{msg(1, "visitor"), msg(2, "bot")}, 2, t0.Add(time.Minute)},
		{"agent only", []store.Message{msg(1, "agent")}, 1, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last, since := lastAndWaiting(tt.msgs)
			if (last == nil) != (tt.wantLast == 0) || last != nil && last.Seq != tt.wantLast || !since.Equal(tt.wantSince) {
				t.Fatalf("last %+v, waiting since %v; want seq %d since %v", last, since, tt.wantLast, tt.wantSince)
			}
		})
	}
}

func TestPreview(t *testing.T) {
	if got := preview("short"); got != "short" {
		t.Fatalf("preview %q", got)
	}
	long := strings.Repeat("é", previewChars+5)
	if got := preview(long); got != strings.Repeat("é", previewChars)+"…" {
		t.Fatalf("preview of %d characters is %d characters", previewChars+5, len([]rune(got)))
	}
	if got := preview(strings.Repeat("x", previewChars)); got != strings.Repeat("x", previewChars) {
		t.Fatal("a body of exactly previewChars must not be cut")
	}
}
