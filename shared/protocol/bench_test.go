package protocol_test

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

// BenchmarkDecodeSend decodes and validates a visitor's send frame, what
// a node does for every message it receives.
func BenchmarkDecodeSend(b *testing.B) {
	frame := []byte(`{"type":"send","id":"r-1842","conv":"c_8f3a2b1c9d","cmid":"m-1842","body":"Hi, my order 1042 has not arrived yet. Can you check?"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.VisitorFrames.Decode(frame); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeMessage encodes a message frame, once per message and
// topic on a node (each socket then writes the same bytes).
func BenchmarkEncodeMessage(b *testing.B) {
	m := protocol.Message{Type: protocol.TypeMessage, Conv: "c_8f3a2b1c9d", Seq: 1842, Msg: protocol.Msg{ID: "m_1c9d8f3a2b",
		Seq: 1842, CMID: "m-1842", Author: protocol.Author{Kind: "visitor", ID: "v_2b1c9d8f3a", Name: "Maria"},
		Body: "Hi, my order 1042 has not arrived yet. Can you check?", At: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.Encode(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeServerMessage decodes a message frame as a client does
// for every message it receives.
func BenchmarkDecodeServerMessage(b *testing.B) {
	frame := []byte(`{"type":"message","conv":"c_8f3a2b1c9d","seq":1842,"msg":{"id":"m_1c9d8f3a2b","seq":1842,"cmid":"m-1842",` +
		`"author":{"kind":"visitor","id":"v_2b1c9d8f3a","name":"Maria"},"body":"Hi, my order 1042 has not arrived yet. Can you check?",` +
		`"at":"2026-11-22T10:00:00Z"}}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.DecodeServer(frame); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendMessage is BenchmarkEncodeMessage on the node's path.
func BenchmarkAppendMessage(b *testing.B) {
	m := protocol.Message{Type: protocol.TypeMessage, Conv: "c_8f3a2b1c9d", Seq: 1842, Msg: protocol.Msg{ID: "m_1c9d8f3a2b",
		Seq: 1842, CMID: "m-1842", Author: protocol.Author{Kind: "visitor", ID: "v_2b1c9d8f3a", Name: "Maria"},
		Body: "Hi, my order 1042 has not arrived yet. Can you check?", At: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}}
	b.ReportAllocs()
	for b.Loop() {
		_ = protocol.AppendMessage(make([]byte, 0, 256+len(m.Msg.Body)), m)
	}
}
