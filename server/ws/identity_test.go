package ws

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func TestUnchangedVisit(t *testing.T) {
	seen := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	base := store.Visitor{ID: "v1", Page: store.Page{URL: "https://shop.test/a"}, Locale: "en", UserAgent: "UA",
		Timezone: "Europe/Paris", Attributes: map[string]string{"plan": "gold"}, LastSeenAt: seen}
	tests := []struct {
		name   string
		change func(*store.Visitor)
		want   bool
	}{
		{"same, seen a moment later", func(v *store.Visitor) { v.LastSeenAt = seen.Add(5 * time.Second) }, true},
		{"same, but last seen a while ago", func(v *store.Visitor) { v.LastSeenAt = seen.Add(lastSeenStep) }, false},
		{"another page", func(v *store.Visitor) { v.Page.URL = "https://shop.test/b" }, false},
		{"another locale", func(v *store.Visitor) { v.Locale = "fr" }, false},
		{"another browser", func(v *store.Visitor) { v.UserAgent = "UA2" }, false},
		{"another time zone", func(v *store.Visitor) { v.Timezone = "Asia/Tokyo" }, false},
		{"a new attribute", func(v *store.Visitor) { v.Attributes = map[string]string{"plan": "gold", "x": "1"} }, false},
		{"an identity", func(v *store.Visitor) { v.Name, v.Email = "Ann", "ann@shop.test" }, false},
		{"verified", func(v *store.Visitor) { v.UserID, v.Verified = "u1", true }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := base
			after.Attributes = map[string]string{"plan": "gold"}
			tt.change(&after)
			if got := unchangedVisit(base, after); got != tt.want {
				t.Errorf("unchangedVisit = %v, want %v", got, tt.want)
			}
		})
	}
}
