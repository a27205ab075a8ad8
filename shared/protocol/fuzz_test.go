package protocol

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets live in package protocol so that they can re-decode with
// decode, which skips the size limit: re-encoding may legitimately grow a
// frame past MaxFrameBytes (U+2028 and control characters are escaped to six
// bytes), and the property checked is that the frame itself survives.

// fuzzSeeds are added to the committed corpus in testdata/fuzz.
var fuzzSeeds = []string{
	`{"type":"hello","site":"k1","token":"","page":{"url":"https://a.example/","title":"A","referrer":""},"locale":"en"}`,
	`{"type":"hello","id":"h","site":"k1","token":"t","resume":{"c1":3},"identity":{"user_id":"u","email":"e","name":"n","hash":"00"}}`,
	`{"type":"hello","token":"api"}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"hi"}`,
	`{"type":"send","id":"r1","conv":"","cmid":"m1","body":"new conversation"}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"note","note":true}`,
	`{"type":"typing","conv":"c1","on":true}`,
	`{"type":"read","conv":"c1","seq":5}`,
	`{"type":"history","id":"h1","conv":"c1","before":10,"limit":0}`,
	`{"type":"ping","id":"p"}`,
	`{"type":"ping","TYPE":"send"}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"\u2028<>&\u0001\ud800"}`,
	`{"type":"read","conv":"c1","seq":"5"}`,
	`{"type":"typing","conv":"c1","on":"yes"}`,
	`{"type":"hello","site":"k1","token":"","resume":[]}`,
	`{"type":"hello","site":"k1","token":"","resume":{}}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":null}`,
	`{"id":"r1"}`,
	`{"type":5}`,
	`[1,2]`,
	`null`,
	"{\"type\":\"ping\",\"x\":\"\xff\"}",
	`{"type":"unknown","id":"x"}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"twice","body":"again"}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","Body":"case"}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"x","note":false,"v":1}`,
	`{"type":"send","id":"` + strings.Repeat("i", MaxIDChars+1) + `","conv":"c1","cmid":"m1","body":"long id"}`,
	`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":""}`,
}

// decoderCodes are the only codes Decode may return.
var decoderCodes = map[string]bool{CodeBadFrame: true, CodeTooLarge: true, CodeUnauthorized: true}

func FuzzVisitorDecode(f *testing.F) { fuzzDecode(f, VisitorFrames) }

func FuzzAgentDecode(f *testing.F) { fuzzDecode(f, AgentFrames) }

func fuzzDecode(f *testing.F, d Dialect) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"type":"send","id":"r1","conv":"c1","cmid":"m1","body":"` + strings.Repeat("中", MaxBodyChars) + `"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastSend(t, d, data)
		frame, err := d.Decode(data)
		if err != nil {
			checkDecodeError(t, frame, err)
			return
		}
		checkRoundTrip(t, d, frame)
	})
}

func checkDecodeError(t *testing.T, frame ClientFrame, err error) {
	t.Helper()
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is a %T, not a *Error", err, err)
	}
	if !decoderCodes[pe.Code] || pe.Type != TypeError || pe.Message == "" {
		t.Fatalf("error frame %+v: want type error, a decoder code and a message", pe)
	}
	if utf8.RuneCountInString(pe.ID) > MaxIDChars || !utf8.ValidString(pe.Message) {
		t.Fatalf("error frame %+v echoes an over-long id or invalid text", pe)
	}
	if frame != nil {
		t.Fatalf("frame %#v returned with error %v", frame, err)
	}
}

func checkRoundTrip(t *testing.T, d Dialect, frame ClientFrame) {
	t.Helper()
	if frame == nil || reflect.ValueOf(frame).IsNil() {
		t.Fatal("nil frame without an error")
	}
	enc, err := Encode(frame)
	if err != nil {
		t.Fatalf("Encode(%#v) = %v", frame, err)
	}
	again, derr := d.decode(enc)
	if derr != nil {
		t.Fatalf("re-encoded frame %s does not decode: %v", enc, derr)
	}
	if !reflect.DeepEqual(frame, again) {
		t.Fatalf("round trip changed the frame\nfirst  %#v\nsecond %#v\nvia %s", frame, again, enc)
	}
	if len(enc) <= MaxFrameBytes {
		if _, err := d.Decode(enc); err != nil {
			t.Fatalf("Decode(re-encoded %s) = %v", enc, err)
		}
	}
}

// checkFastSend: whenever the fast path reads a send frame, decoding it
// with encoding/json gives the same frame or the same error.
func checkFastSend(t *testing.T, d Dialect, data []byte) {
	t.Helper()
	if !utf8.Valid(data) {
		return
	}
	fast, ok := fastSend(data)
	if !ok {
		return
	}
	got, gotErr := d.checked(fast, TypeSend, fast.ID)
	want, wantErr := d.decodeGeneral(data)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErr, wantErr) {
		t.Fatalf("%s: fast path gave %#v, %v; encoding/json %#v, %v", data, got, gotErr, want, wantErr)
	}
}

func FuzzDecodeServer(f *testing.F) {
	for _, s := range []string{
		`{"type":"ack","id":"r1","conv":"c_1","cmid":"m1","seq":7,"at":"2026-11-22T10:00:00.123456789Z"}`,
		`{"type":"message","conv":"c_1","seq":7,"msg":{"id":"m_1","seq":7,"cmid":"m1",` +
			`"author":{"kind":"visitor","id":"v_1","name":"Maria"},"body":"hi","at":"2026-11-22T10:00:00Z"}}`,
		`{"type":"message","conv":"c_1","seq":7,"msg":{"id":"m_1","seq":7,"author":{},"body":"\u00e9\n","at":"2026-11-22T10:00:00+01:00"}}`,
		`{"type":"ack","id":"r1","seq":-0,"at":"2026-13-22T10:00:00Z"}`,
		`{"type":"ack","id":"r1","seq":1e3}`,
		`{"type":"ack","id":"r1","seq":007}`,
		`{"type":"ack","id":"r1","seq":123456789012345678901}`,
		"{\"type\":\"message\",\"conv\":\"\xff\"}",
		`{"type":"message","conv":"a","conv":"b"}`,
		`{"type":"pong","id":"p"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		typ, ok := leadingType(data)
		if !ok {
			return
		}
		fast, ok := fastServerFrame(typ, data)
		if !ok {
			return
		}
		want, err := newServerFrame(typ)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, want); err != nil {
			t.Fatalf("%s: fast path read %#v; encoding/json: %v", data, fast, err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("%s: fast path read %#v; encoding/json %#v", data, fast, want)
		}
	})
}
