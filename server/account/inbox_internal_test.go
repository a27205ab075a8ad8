package account

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("word ", 30) + "the PARCEL arrived broken " + strings.Repeat("more ", 40)
	tests := []struct {
		name, body, query, want string
	}{
		{"short, match kept whole", "My parcel is late", "PARCEL", "My parcel is late"},
		{"no occurrence is the preview", "Hello", "zzz", "Hello"},
		{"early match is the preview", "parcel " + strings.Repeat("x", 200), "parcel", preview("parcel " + strings.Repeat("x", 200))},
		{"late match is cut before it", long, "parcel", "…" + preview(strings.TrimSpace(long[strings.Index(long, "the PARCEL")-36:]))},
		{"non-ASCII", "Où est mon COLIS ?", "colis", "Où est mon COLIS ?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snippet(tt.body, tt.query)
			if got != tt.want {
				t.Fatalf("snippet = %q, want %q", got, tt.want)
			}
			if !strings.Contains(strings.ToLower(got), strings.ToLower(tt.query)) && strings.Contains(strings.ToLower(tt.body), strings.ToLower(tt.query)) {
				t.Fatalf("snippet %q lost the match %q", got, tt.query)
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
