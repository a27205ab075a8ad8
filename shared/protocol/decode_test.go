package protocol_test

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/protocol"
)

// decodeCase is one frame fed to a dialect's decoder: either want is the
// frame it must yield, or code (and id) the error it must return.
type decodeCase struct {
	name string
	in   string
	want protocol.ClientFrame
	code string
	id   string
}

func runDecodeCases(t *testing.T, d protocol.Dialect, cases []decodeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := d.Decode([]byte(tc.in))
			if tc.code == "" {
				if err != nil {
					t.Fatalf("Decode(%.80q) error = %v, want %#v", tc.in, err, tc.want)
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Fatalf("Decode(%.80q)\n got %#v\nwant %#v", tc.in, got, tc.want)
				}
				return
			}
			if got != nil {
				t.Errorf("Decode(%.80q) returned frame %#v with an error", tc.in, got)
			}
			assertError(t, err, tc.code, tc.id)
		})
	}
}

// assertError checks that err is a *protocol.Error frame with code and id.
func assertError(t *testing.T, err error, code, id string) {
	t.Helper()
	var pe *protocol.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error = %#v (%T), want *protocol.Error with code %q", err, err, code)
	}
	if pe.Code != code || pe.ID != id || pe.Type != protocol.TypeError || pe.Message == "" {
		t.Fatalf("error = %+v, want type %q, code %q, id %q and a message", pe, protocol.TypeError, code, id)
	}
}

// Frames valid in both dialects.
var commonValid = []decodeCase{
	{name: "send", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"hello"}`,
		want: &protocol.Send{Type: "send", ID: "r1", Conv: "c1", CMID: "m1", Body: "hello"}},
	{name: "send unknown fields ignored", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"hi","v2_field":[1,{"a":null}]}`,
		want: &protocol.Send{Type: "send", ID: "r1", Conv: "c1", CMID: "m1", Body: "hi"}},
	{name: "send body 4000 multi-byte chars", in: sendBody(strings.Repeat("中", protocol.MaxBodyChars)),
		want: &protocol.Send{Type: "send", ID: "r1", Conv: "c1", CMID: "m1", Body: strings.Repeat("中", protocol.MaxBodyChars)}},
	{name: "send body 4000 four-byte chars", in: sendBody(strings.Repeat("😀", protocol.MaxBodyChars)),
		want: &protocol.Send{Type: "send", ID: "r1", Conv: "c1", CMID: "m1", Body: strings.Repeat("😀", protocol.MaxBodyChars)}},
	{name: "send escaped body", in: `{"type":"send","id":"","conv":"c1","cmid":"m1","body":"a\n\"<b>\"\u00e9"}`,
		want: &protocol.Send{Type: "send", Conv: "c1", CMID: "m1", Body: "a\n\"<b>\"é"}},
	{name: "typing on", in: `{"type":"typing","conv":"c1","on":true}`,
		want: &protocol.Typing{Type: "typing", Conv: "c1", On: true}},
	{name: "typing off", in: `{"type":"typing","conv":"c1","on":false}`,
		want: &protocol.Typing{Type: "typing", Conv: "c1"}},
	{name: "typing author from client dropped", in: `{"type":"typing","conv":"c1","on":true,"author":{"kind":"agent","id":"a1","name":"Boss"}}`,
		want: &protocol.Typing{Type: "typing", Conv: "c1", On: true}},
	{name: "read", in: `{"type":"read","conv":"c1","seq":42}`,
		want: &protocol.Read{Type: "read", Conv: "c1", Seq: 42}},
	{name: "read seq 0", in: `{"type":"read","conv":"c1","seq":0}`,
		want: &protocol.Read{Type: "read", Conv: "c1"}},
	{name: "read author from client dropped", in: `{"type":"read","conv":"c1","seq":1,"author":{"kind":"agent"}}`,
		want: &protocol.Read{Type: "read", Conv: "c1", Seq: 1}},
	{name: "history", in: `{"type":"history","id":"h1","conv":"c1","before":10,"limit":20}`,
		want: &protocol.HistoryRequest{Type: "history", ID: "h1", Conv: "c1", Before: 10, Limit: 20}},
	{name: "history limit 100", in: `{"type":"history","id":"h1","conv":"c1","limit":100}`,
		want: &protocol.HistoryRequest{Type: "history", ID: "h1", Conv: "c1", Limit: 100}},
	{name: "history limit 0 defaults", in: `{"type":"history","id":"h1","conv":"c1","before":0,"limit":0}`,
		want: &protocol.HistoryRequest{Type: "history", ID: "h1", Conv: "c1", Limit: protocol.DefaultHistory}},
	{name: "history no limit defaults", in: `{"type":"history","id":"h1","conv":"c1"}`,
		want: &protocol.HistoryRequest{Type: "history", ID: "h1", Conv: "c1", Limit: 50}},
	{name: "ping", in: `{"type":"ping"}`, want: &protocol.Ping{Type: "ping"}},
	{name: "ping with id", in: `{"type":"ping","id":"p1"}`, want: &protocol.Ping{Type: "ping", ID: "p1"}},
	{name: "whitespace around", in: " \n\t{ \"type\" : \"ping\" }\r\n", want: &protocol.Ping{Type: "ping"}},
	{name: "differently cased type key cannot retype", in: `{"type":"ping","TYPE":"send"}`, want: &protocol.Ping{Type: "ping"}},
}

// Rejections shared by both dialects.
var commonInvalid = []decodeCase{
	{name: "empty input", in: ``, code: protocol.CodeBadFrame},
	{name: "garbage", in: `hello there`, code: protocol.CodeBadFrame},
	{name: "truncated object", in: `{"type":"ping"`, code: protocol.CodeBadFrame},
	{name: "trailing garbage", in: `{"type":"ping"} {}`, code: protocol.CodeBadFrame},
	{name: "null", in: `null`, code: protocol.CodeBadFrame},
	{name: "array", in: `[{"type":"ping"}]`, code: protocol.CodeBadFrame},
	{name: "string", in: `"ping"`, code: protocol.CodeBadFrame},
	{name: "number", in: `5`, code: protocol.CodeBadFrame},
	{name: "empty object", in: `{}`, code: protocol.CodeBadFrame},
	{name: "missing type echoes id", in: `{"id":"r9","conv":"c1"}`, code: protocol.CodeBadFrame, id: "r9"},
	{name: "type null", in: `{"type":null,"id":"r9"}`, code: protocol.CodeBadFrame, id: "r9"},
	{name: "type number", in: `{"type":5,"id":"r9"}`, code: protocol.CodeBadFrame, id: "r9"},
	{name: "type object", in: `{"type":{"name":"ping"}}`, code: protocol.CodeBadFrame},
	{name: "unknown type", in: `{"type":"launch","id":"r1"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "server-only type", in: `{"type":"welcome","id":"r1"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "type wrong case", in: `{"type":"PING"}`, code: protocol.CodeBadFrame},
	{name: "id not a string is not echoed", in: `{"type":"launch","id":7}`, code: protocol.CodeBadFrame},
	{name: "id over 64 chars is not echoed", in: `{"type":"launch","id":"` + strings.Repeat("x", 65) + `"}`, code: protocol.CodeBadFrame},
	{name: "invalid UTF-8", in: "{\"type\":\"send\",\"id\":\"r1\",\"conv\":\"c1\",\"cmid\":\"m1\",\"body\":\"\xff\xfe\"}", code: protocol.CodeBadFrame},
	{name: "invalid UTF-8 outside strings", in: "{\"type\":\"ping\"}\xc0", code: protocol.CodeBadFrame},

	{name: "send missing id", in: `{"type":"send","conv":"c1","cmid":"m1","body":"x"}`, code: protocol.CodeBadFrame},
	{name: "send missing conv", in: `{"type":"send","id":"r1","cmid":"m1","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send missing cmid", in: `{"type":"send","id":"r1","conv":"c1","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send missing body", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send null body", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":null}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send null body spaced", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body" :  null }`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send null conv", in: `{"type":"send","id":"r1","conv":null,"cmid":"m1","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send body number", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":5}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send body array", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":["x"]}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send cmid number", in: `{"type":"send","id":"r1","conv":"c1","cmid":1,"body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send conv bool", in: `{"type":"send","id":"r1","conv":true,"cmid":"m1","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send id number", in: `{"type":"send","id":1,"conv":"c1","cmid":"m1","body":"x"}`, code: protocol.CodeBadFrame},
	{name: "send note string", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"x","note":"yes"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send body empty", in: sendBody(""), code: protocol.CodeBadFrame, id: "r1"},
	{name: "send body 4001 chars", in: sendBody(strings.Repeat("中", protocol.MaxBodyChars+1)), code: protocol.CodeTooLarge, id: "r1"},
	{name: "send body 4001 ASCII chars", in: sendBody(strings.Repeat("a", protocol.MaxBodyChars+1)), code: protocol.CodeTooLarge, id: "r1"},
	{name: "send cmid empty", in: `{"type":"send","id":"r1","conv":"c1","cmid":"","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send cmid 65 chars", in: `{"type":"send","id":"r1","conv":"c1","cmid":"` + strings.Repeat("m", 65) + `","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
	{name: "send conv 65 chars", in: `{"type":"send","id":"r1","conv":"` + strings.Repeat("c", 65) + `","cmid":"m1","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},

	{name: "typing missing conv", in: `{"type":"typing","on":true}`, code: protocol.CodeBadFrame},
	{name: "typing missing on", in: `{"type":"typing","conv":"c1"}`, code: protocol.CodeBadFrame},
	{name: "typing null on", in: `{"type":"typing","conv":"c1","on":null}`, code: protocol.CodeBadFrame},
	{name: "typing on string", in: `{"type":"typing","conv":"c1","on":"yes"}`, code: protocol.CodeBadFrame},
	{name: "typing on number", in: `{"type":"typing","conv":"c1","on":1}`, code: protocol.CodeBadFrame},
	{name: "typing conv empty", in: `{"type":"typing","conv":"","on":true}`, code: protocol.CodeBadFrame},

	{name: "read missing seq", in: `{"type":"read","conv":"c1"}`, code: protocol.CodeBadFrame},
	{name: "read missing conv", in: `{"type":"read","seq":1}`, code: protocol.CodeBadFrame},
	{name: "read seq string", in: `{"type":"read","conv":"c1","seq":"5"}`, code: protocol.CodeBadFrame},
	{name: "read seq fraction", in: `{"type":"read","conv":"c1","seq":1.5}`, code: protocol.CodeBadFrame},
	{name: "read seq overflow", in: `{"type":"read","conv":"c1","seq":99999999999999999999}`, code: protocol.CodeBadFrame},
	{name: "read seq negative", in: `{"type":"read","conv":"c1","seq":-1}`, code: protocol.CodeBadFrame},

	{name: "history missing id", in: `{"type":"history","conv":"c1"}`, code: protocol.CodeBadFrame},
	{name: "history missing conv", in: `{"type":"history","id":"h1"}`, code: protocol.CodeBadFrame, id: "h1"},
	{name: "history limit 101", in: `{"type":"history","id":"h1","conv":"c1","limit":101}`, code: protocol.CodeBadFrame, id: "h1"},
	{name: "history limit negative", in: `{"type":"history","id":"h1","conv":"c1","limit":-1}`, code: protocol.CodeBadFrame, id: "h1"},
	{name: "history limit string", in: `{"type":"history","id":"h1","conv":"c1","limit":"10"}`, code: protocol.CodeBadFrame, id: "h1"},
	{name: "history before negative", in: `{"type":"history","id":"h1","conv":"c1","before":-5}`, code: protocol.CodeBadFrame, id: "h1"},
	{name: "history id 65 chars", in: `{"type":"history","id":"` + strings.Repeat("h", 65) + `","conv":"c1"}`, code: protocol.CodeBadFrame},

	{name: "ping id number", in: `{"type":"ping","id":5}`, code: protocol.CodeBadFrame},
	{name: "ping id 65 chars", in: `{"type":"ping","id":"` + strings.Repeat("p", 65) + `"}`, code: protocol.CodeBadFrame},
}

func TestVisitorDecode(t *testing.T) {
	valid := []decodeCase{
		{name: "hello new visitor", in: `{"type":"hello","site":"k1","token":"","page":{"url":"https://shop.example/a","title":"A","referrer":""},"locale":"fr"}`,
			want: &protocol.Hello{Type: "hello", Site: "k1", Page: protocol.Page{URL: "https://shop.example/a", Title: "A"}, Locale: "fr"}},
		{name: "hello resume and identity", in: `{"type":"hello","id":"h","site":"k1","token":"t1","resume":{"c1":3,"c2":0},"identity":{"user_id":"u1","email":"u@example.com","name":"U","hash":"ab"}}`,
			want: &protocol.Hello{Type: "hello", ID: "h", Site: "k1", Token: "t1", Resume: map[string]int64{"c1": 3, "c2": 0},
				Identity: &protocol.Identity{UserID: "u1", Email: "u@example.com", Name: "U", Hash: "ab"}}},
		{name: "hello empty resume", in: `{"type":"hello","site":"k1","token":"t1","resume":{}}`,
			want: &protocol.Hello{Type: "hello", Site: "k1", Token: "t1"}},
		{name: "hello null resume and identity", in: `{"type":"hello","site":"k1","token":"t1","resume":null,"identity":null}`,
			want: &protocol.Hello{Type: "hello", Site: "k1", Token: "t1"}},
		{name: "hello resume at limit", in: helloResume(protocol.MaxResumeEntries),
			want: &protocol.Hello{Type: "hello", Site: "k1", Token: "t", Resume: resumeMap(protocol.MaxResumeEntries)}},
		{name: "send new conversation", in: `{"type":"send","id":"r1","conv":"","cmid":"m1","body":"hi"}`,
			want: &protocol.Send{Type: "send", ID: "r1", CMID: "m1", Body: "hi"}},
		{name: "send note false", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"hi","note":false}`,
			want: &protocol.Send{Type: "send", ID: "r1", Conv: "c1", CMID: "m1", Body: "hi"}},
	}
	invalid := []decodeCase{
		{name: "hello missing site", in: `{"type":"hello","token":""}`, code: protocol.CodeBadFrame},
		{name: "hello missing token", in: `{"type":"hello","site":"k1"}`, code: protocol.CodeBadFrame},
		{name: "hello null token", in: `{"type":"hello","site":"k1","token":null}`, code: protocol.CodeBadFrame},
		{name: "hello empty site", in: `{"type":"hello","id":"h","site":"","token":""}`, code: protocol.CodeBadFrame, id: "h"},
		{name: "hello site number", in: `{"type":"hello","site":1,"token":""}`, code: protocol.CodeBadFrame},
		{name: "hello resume array", in: `{"type":"hello","site":"k1","token":"","resume":[]}`, code: protocol.CodeBadFrame},
		{name: "hello resume seq string", in: `{"type":"hello","site":"k1","token":"","resume":{"c1":"3"}}`, code: protocol.CodeBadFrame},
		{name: "hello resume negative seq", in: `{"type":"hello","id":"h","site":"k1","token":"","resume":{"c1":-1}}`, code: protocol.CodeBadFrame, id: "h"},
		{name: "hello resume empty conv", in: `{"type":"hello","site":"k1","token":"","resume":{"":1}}`, code: protocol.CodeBadFrame},
		{name: "hello resume too many", in: helloResume(protocol.MaxResumeEntries + 1), code: protocol.CodeBadFrame},
		{name: "hello page string", in: `{"type":"hello","site":"k1","token":"","page":"https://x"}`, code: protocol.CodeBadFrame},
		{name: "hello identity array", in: `{"type":"hello","site":"k1","token":"","identity":[]}`, code: protocol.CodeBadFrame},
		{name: "hello id 65 chars", in: `{"type":"hello","id":"` + strings.Repeat("i", 65) + `","site":"k1","token":""}`, code: protocol.CodeBadFrame},
		{name: "send note on visitor socket", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"x","note":true}`, code: protocol.CodeBadFrame, id: "r1"},
		{name: "frame over 16 KiB", in: `{"type":"ping","pad":"` + strings.Repeat("a", protocol.MaxFrameBytes) + `"}`, code: protocol.CodeTooLarge},
		{name: "frame over 16 KiB garbage", in: strings.Repeat("\xff", protocol.MaxFrameBytes+1), code: protocol.CodeTooLarge},
		{name: "send note differently cased", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"x","NOTE":true}`, code: protocol.CodeBadFrame, id: "r1"},
	}
	cases := append(append(append(valid, commonValid...), invalid...), commonInvalid...)
	runDecodeCases(t, protocol.VisitorFrames, cases)
}

func TestAgentDecode(t *testing.T) {
	valid := []decodeCase{
		{name: "hello", in: `{"type":"hello","token":"api-token"}`,
			want: &protocol.Hello{Type: "hello", Token: "api-token"}},
		{name: "hello without a token (the console's session cookie)", in: `{"type":"hello","token":""}`,
			want: &protocol.Hello{Type: "hello"}},
		{name: "hello resume", in: `{"type":"hello","id":"h","token":"api-token","resume":{"c1":9}}`,
			want: &protocol.Hello{Type: "hello", ID: "h", Token: "api-token", Resume: map[string]int64{"c1": 9}}},
		{name: "hello resume over the visitor limit", in: helloResume(protocol.MaxResumeEntries + 1),
			want: &protocol.Hello{Type: "hello", Site: "k1", Token: "t", Resume: resumeMap(protocol.MaxResumeEntries + 1)}},
		{name: "hello resume at the agent limit, over 16 KiB", in: helloResume(protocol.MaxAgentResumeEntries),
			want: &protocol.Hello{Type: "hello", Site: "k1", Token: "t", Resume: resumeMap(protocol.MaxAgentResumeEntries)}},
		{name: "send note", in: `{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"internal","note":true}`,
			want: &protocol.Send{Type: "send", ID: "r1", Conv: "c1", CMID: "m1", Body: "internal", Note: true}},
	}
	invalid := []decodeCase{
		{name: "hello missing token", in: `{"type":"hello","id":"h"}`, code: protocol.CodeBadFrame, id: "h"},
		{name: "hello token number", in: `{"type":"hello","token":5}`, code: protocol.CodeBadFrame},
		{name: "hello resume negative seq", in: `{"type":"hello","token":"t","resume":{"c1":-3}}`, code: protocol.CodeBadFrame},
		{name: "hello resume array", in: `{"type":"hello","token":"t","resume":[]}`, code: protocol.CodeBadFrame},
		{name: "send empty conv", in: `{"type":"send","id":"r1","conv":"","cmid":"m1","body":"x"}`, code: protocol.CodeBadFrame, id: "r1"},
		{name: "frame over 256 KiB", in: `{"type":"ping","pad":"` + strings.Repeat("a", protocol.MaxAgentFrameBytes) + `"}`, code: protocol.CodeTooLarge},
		{name: "frame over 256 KiB garbage", in: strings.Repeat("\xff", protocol.MaxAgentFrameBytes+1), code: protocol.CodeTooLarge},
	}
	cases := append(append(append(valid, commonValid...), invalid...), commonInvalid...)
	runDecodeCases(t, protocol.AgentFrames, cases)
}

// TestBodyLimitCountsCharacters pins that the 4000 limit is in characters:
// 4000 three-byte runes (12000 bytes) pass, one more fails.
func TestBodyLimitCountsCharacters(t *testing.T) {
	ok := strings.Repeat("中", protocol.MaxBodyChars)
	if len(ok) != 12000 || len(sendBody(ok)) > protocol.MaxFrameBytes {
		t.Fatalf("test body is %d bytes, frame %d bytes", len(ok), len(sendBody(ok)))
	}
	if err := protocol.CheckBody(ok); err != nil {
		t.Errorf("CheckBody(4000 chars) = %v", err)
	}
	if err := protocol.CheckBody(ok + "中"); err == nil {
		t.Error("CheckBody(4001 chars) = nil")
	} else {
		assertError(t, err, protocol.CodeTooLarge, "")
	}
	if err := protocol.CheckBody(""); err == nil {
		t.Error("CheckBody(\"\") = nil")
	} else {
		assertError(t, err, protocol.CodeBadFrame, "")
	}
}

// TestMaxBodyFitsFrameWhenEncoded checks that a client encoding a long body
// of HTML-ish text with Encode stays under the frame limit.
func TestMaxBodyFitsFrameWhenEncoded(t *testing.T) {
	s := &protocol.Send{Type: protocol.TypeSend, ID: "r1", Conv: "c1", CMID: "m1", Body: strings.Repeat("<&>", protocol.MaxBodyChars/3)}
	b, err := protocol.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := protocol.VisitorFrames.Decode(b); err != nil {
		t.Fatalf("Decode(Encode(4000 HTML chars)) = %v (%d bytes)", err, len(b))
	}
}

func TestErrorFrame(t *testing.T) {
	e := protocol.NewError(protocol.CodeRateLimited, "slow down")
	withID := e.WithID("r1")
	if e.ID != "" || withID.ID != "r1" || withID.Code != protocol.CodeRateLimited {
		t.Fatalf("WithID changed the original or lost fields: %+v, %+v", e, withID)
	}
	if got := e.Error(); got != "rate_limited: slow down" {
		t.Fatalf("Error() = %q", got)
	}
}

func TestValidStatus(t *testing.T) {
	for _, s := range []string{"open", "pending", "snoozed", "resolved"} {
		if !protocol.ValidStatus(s) {
			t.Errorf("ValidStatus(%q) = false", s)
		}
	}
	for _, s := range []string{"", "closed", "Open"} {
		if protocol.ValidStatus(s) {
			t.Errorf("ValidStatus(%q) = true", s)
		}
	}
}

func sendBody(body string) string {
	b, err := protocol.Encode(&protocol.Send{Type: "send", ID: "r1", Conv: "c1", CMID: "m1", Body: body})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func resumeMap(n int) map[string]int64 {
	m := make(map[string]int64, n)
	for i := range n {
		m["c"+strconv.Itoa(i)] = int64(i)
	}
	return m
}

func helloResume(n int) string {
	b, err := protocol.Encode(&protocol.Hello{Type: "hello", Site: "k1", Token: "t", Resume: resumeMap(n)})
	if err != nil {
		panic(err)
	}
	return string(b)
}
