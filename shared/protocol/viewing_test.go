package protocol_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/protocol"
)

// TestDecodeViewing: the agent dialect takes viewing frames, strictly; the
// visitor dialect knows no such frame.
func TestDecodeViewing(t *testing.T) {
	runDecodeCases(t, protocol.AgentFrames, []decodeCase{
		{name: "on", in: `{"type":"viewing","conv":"c1","on":true}`,
			want: &protocol.Viewing{Type: "viewing", Conv: "c1", On: true}},
		{name: "off", in: `{"type":"viewing","conv":"c1","on":false}`,
			want: &protocol.Viewing{Type: "viewing", Conv: "c1"}},
		{name: "author from client dropped", in: `{"type":"viewing","conv":"c1","on":true,"author":{"kind":"agent","id":"a9"}}`,
			want: &protocol.Viewing{Type: "viewing", Conv: "c1", On: true}},
		{name: "no conv", in: `{"type":"viewing","on":true}`, code: protocol.CodeBadFrame},
		{name: "no on", in: `{"type":"viewing","conv":"c1"}`, code: protocol.CodeBadFrame},
		{name: "empty conv", in: `{"type":"viewing","conv":"","on":true}`, code: protocol.CodeBadFrame},
		{name: "long conv", in: `{"type":"viewing","conv":"` + strings.Repeat("c", protocol.MaxIDChars+1) + `","on":true}`, code: protocol.CodeBadFrame},
		{name: "on a string", in: `{"type":"viewing","conv":"c1","on":"yes"}`, code: protocol.CodeBadFrame},
	})
	runDecodeCases(t, protocol.VisitorFrames, []decodeCase{
		{name: "visitor refused", in: `{"type":"viewing","conv":"c1","on":true}`, code: protocol.CodeBadFrame},
	})
}

// TestHelloTimezone: a well-formed IANA name is kept, anything else is
// dropped without refusing the hello.
func TestHelloTimezone(t *testing.T) {
	hello := func(tz string) string {
		return `{"type":"hello","site":"s1","token":"","timezone":"` + tz + `"}`
	}
	keep := func(tz string) *protocol.Hello {
		return &protocol.Hello{Type: "hello", Site: "s1", Timezone: tz}
	}
	runDecodeCases(t, protocol.VisitorFrames, []decodeCase{
		{name: "none", in: `{"type":"hello","site":"s1","token":""}`, want: keep("")},
		{name: "region/city", in: hello("Europe/Paris"), want: keep("Europe/Paris")},
		{name: "three parts", in: hello("America/Argentina/Buenos_Aires"), want: keep("America/Argentina/Buenos_Aires")},
		{name: "offset", in: hello("Etc/GMT+5"), want: keep("Etc/GMT+5")},
		{name: "dash", in: hello("America/Port-au-Prince"), want: keep("America/Port-au-Prince")},
		{name: "UTC", in: hello("UTC"), want: keep("UTC")},
		{name: "64 chars", in: hello(strings.Repeat("a", 64)), want: keep(strings.Repeat("a", 64))},
		{name: "65 chars dropped", in: hello(strings.Repeat("a", 65)), want: keep("")},
		{name: "space dropped", in: hello("Europe/ Paris"), want: keep("")},
		{name: "markup dropped", in: hello("<b>x</b>"), want: keep("")},
		{name: "dot dropped", in: hello("../etc"), want: keep("")},
		{name: "non-ASCII dropped", in: hello("Europe/Zürich"), want: keep("")},
		{name: "number refused", in: `{"type":"hello","site":"s1","token":"","timezone":5}`, code: protocol.CodeBadFrame},
	})
}

// TestDecodeServerViewing: clients decode the server's viewing frames.
func TestDecodeServerViewing(t *testing.T) {
	f, err := protocol.DecodeServer([]byte(`{"type":"viewing","conv":"c1","on":true,"author":{"kind":"agent","id":"a1","name":"Ana"}}`))
	if err != nil {
		t.Fatal(err)
	}
	v, ok := f.(*protocol.Viewing)
	if !ok || v.Conv != "c1" || !v.On || v.Author == nil || v.Author.Name != "Ana" {
		t.Fatalf("DecodeServer = %#v", f)
	}
}
