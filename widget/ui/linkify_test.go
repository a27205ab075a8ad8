package ui

import (
	"reflect"
	"strings"
	"testing"
)

func TestLinkify(t *testing.T) {
	tests := []struct {
		in   string
		want []Segment
	}{
		{"no links here", []Segment{{Text: "no links here"}}},
		{"see https://shop.example/a?b=1.", []Segment{{Text: "see "}, {Text: "https://shop.example/a?b=1", Href: "https://shop.example/a?b=1"}, {Text: "."}}},
		{"HTTP://X.EXAMPLE ok", []Segment{{Text: "HTTP://X.EXAMPLE", Href: "http://X.EXAMPLE"}, {Text: " ok"}}},
		{"mail mailto:help@shop.example!", []Segment{{Text: "mail "}, {Text: "mailto:help@shop.example", Href: "mailto:help@shop.example"}, {Text: "!"}}},
		{"javascript:alert(1)", []Segment{{Text: "javascript:alert(1)"}}},
		{"(https://en.wikipedia.org/wiki/Go_(language))", []Segment{{Text: "("}, {Text: "https://en.wikipedia.org/wiki/Go_(language)", Href: "https://en.wikipedia.org/wiki/Go_(language)"}, {Text: ")"}}},
		{"xhttps://evil.example", []Segment{{Text: "xhttps://evil.example"}}},
		{"https://", []Segment{{Text: "https://"}}},
		{"<b>https://a.example</b>", []Segment{{Text: "<b>"}, {Text: "https://a.example", Href: "https://a.example"}, {Text: "</b>"}}},
		{`"https://a.example/x"onmouseover=1`, []Segment{{Text: `"`}, {Text: "https://a.example/x", Href: "https://a.example/x"}, {Text: `"onmouseover=1`}}},
		{"mailto:nobody", []Segment{{Text: "mailto:nobody"}}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Linkify(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Linkify(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzLinkify: the segments always spell the input exactly, and every
// link is http, https or mailto.
func FuzzLinkify(f *testing.F) {
	for _, s := range []string{"hi https://a.example/b", "mailto:x@y.z", "javascript:alert(1)", "((https://x.y)))", "https://x y http://"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var b strings.Builder
		for _, s := range Linkify(in) {
			b.WriteString(s.Text)
			if s.Href != "" {
				l := strings.ToLower(s.Href)
				if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "mailto:") {
					t.Fatalf("unsafe href %q from %q", s.Href, in)
				}
			}
		}
		if b.String() != in {
			t.Fatalf("segments spell %q, want %q", b.String(), in)
		}
	})
}
