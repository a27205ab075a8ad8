package protocol_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

var (
	at     = time.Date(2026, 11, 1, 12, 30, 45, 123000000, time.UTC)
	author = protocol.Author{Kind: protocol.AuthorAgent, ID: "a1", Name: "Ana"}
	msg    = protocol.Msg{ID: "m1", Seq: 7, CMID: "cm1", Author: author, Body: "hi <there> & \u2028 中", At: at}
)

// serverFrames holds one fully populated frame of every server type.
var serverFrames = []any{
	&protocol.Welcome{Type: protocol.TypeWelcome, ID: "h1",
		Visitor:       &protocol.Visitor{ID: "v1", Token: "tok"},
		Conversations: []protocol.ConvSummary{{ID: "c1", Status: protocol.StatusOpen, LastSeq: 7, Assignee: "a1"}},
		Presence:      &protocol.Presence{Online: true, ReplyTimeS: 120, QueuePosition: 2, WaitS: 30},
		Config:        &protocol.WidgetConfig{SiteName: "Shop", Color: "#336699", Position: "right", Greeting: "Hi", LauncherText: "Chat", Locale: "en", PreChatForm: true, BusinessHours: "9-17"}},
	&protocol.Welcome{Type: protocol.TypeWelcome,
		Agent:         &protocol.AgentInfo{ID: "a1", Name: "Ana", Email: "ana@example.com", Role: "owner"},
		Conversations: []protocol.ConvSummary{{ID: "c1", Site: "s1", Visitor: "v1", Status: protocol.StatusPending, LastSeq: 1}}},
	&protocol.Ack{Type: protocol.TypeAck, ID: "r1", Conv: "c1", CMID: "cm1", Seq: 7, At: at},
	&protocol.Message{Type: protocol.TypeMessage, Conv: "c1", Seq: 7, Msg: msg},
	&protocol.Note{Type: protocol.TypeNote, Conv: "c1", Note: msg},
	&protocol.Typing{Type: protocol.TypeTyping, Conv: "c1", On: true, Author: &author},
	&protocol.Read{Type: protocol.TypeRead, Conv: "c1", Seq: 7, Author: &author},
	&protocol.Presence{Type: protocol.TypePresence, Online: false, ReplyTimeS: 600, QueuePosition: 0, WaitS: 5},
	&protocol.Status{Type: protocol.TypeStatus, Conv: "c1", Status: protocol.StatusResolved, Assignee: "a1"},
	&protocol.History{Type: protocol.TypeHistory, ID: "h1", Conv: "c1", Messages: []protocol.Msg{msg, msg}},
	protocol.NewError(protocol.CodeRateLimited, "slow down").WithID("r1"),
	&protocol.Error{Type: protocol.TypeError, Code: protocol.CodeUnavailable, Message: "store down", RetryAfterMS: 1500},
	&protocol.Pong{Type: protocol.TypePong, ID: "p1"},
}

func TestDecodeServerRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range serverFrames {
		b, err := protocol.Encode(f)
		if err != nil {
			t.Fatalf("Encode(%T) = %v", f, err)
		}
		got, err := protocol.DecodeServer(b)
		if err != nil {
			t.Fatalf("DecodeServer(%s) = %v", b, err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Errorf("round trip of %T\n got %#v\nwant %#v", f, got, f)
		}
		seen[reflect.TypeOf(f).Elem().Name()] = true
	}
	for _, typ := range []string{"Welcome", "Ack", "Message", "Note", "Typing", "Read", "Presence", "Status", "History", "Error", "Pong"} {
		if !seen[typ] {
			t.Errorf("no round trip for server frame %s", typ)
		}
	}
}

func TestDecodeServerRejects(t *testing.T) {
	for _, in := range []string{``, `null`, `[]`, `{}`, `{"type":"hello"}`, `{"type":"send"}`, `{"type":7}`, `{"type":"ack","seq":"x"}`, `{"type":"pong"`} {
		if f, err := protocol.DecodeServer([]byte(in)); err == nil {
			t.Errorf("DecodeServer(%q) = %#v, want an error", in, f)
		}
	}
}

// TestDecodeServerTypeForms: frames whose type is not simply the leading
// key decode as encoding/json reads them (the last "type" wins, escapes
// are undone), like the frames Encode makes.
func TestDecodeServerTypeForms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"type":"pong","id":"p"}`, "*protocol.Pong"},
		{`{"id":"p","type":"pong"}`, "*protocol.Pong"},
		{` {"type":"pong"}`, "*protocol.Pong"},
		{`{"type":"po\u006eg"}`, "*protocol.Pong"},
		{`{"type":"pong","type":"ack"}`, "*protocol.Ack"},
		{`{"type":"ack","x":{"type":"pong"}}`, "*protocol.Ack"},
	} {
		got, err := protocol.DecodeServer([]byte(tc.in))
		if err != nil {
			t.Errorf("DecodeServer(%s) = %v", tc.in, err)
			continue
		}
		if typ := fmt.Sprintf("%T", got); typ != tc.want {
			t.Errorf("DecodeServer(%s) is a %s, want %s", tc.in, typ, tc.want)
		}
	}
}

func TestDecodeServerIgnoresUnknownFields(t *testing.T) {
	got, err := protocol.DecodeServer([]byte(`{"type":"pong","id":"p","future":{"x":1}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := (&protocol.Pong{Type: protocol.TypePong, ID: "p"}); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v, want %#v", got, want)
	}
}

func TestEncode(t *testing.T) {
	b, err := protocol.Encode(&protocol.Send{Type: protocol.TypeSend, ID: "r1", Conv: "", CMID: "m1", Body: "<b>&</b>"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"send","id":"r1","conv":"","cmid":"m1","body":"<b>&</b>"}`
	if string(b) != want {
		t.Fatalf("Encode = %s\nwant     %s", b, want)
	}
	if _, err := protocol.Encode(func() {}); err == nil || !strings.Contains(err.Error(), "protocol: encode frame") {
		t.Fatalf("Encode(func) error = %v, want a wrapped error", err)
	}
}
