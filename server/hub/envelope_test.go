package hub

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestEnvelopeRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		ev   Event
	}{
		{"empty", Event{}},
		{"message", Event{Origin: "s_1", Conv: "c_1", Seq: 42, Author: "v_1", CMID: "m-1",
			Frame: json.RawMessage(`{"type":"message","conv":"c_1","seq":42}`), At: 1_763_800_000_000_000_000}},
		{"control", Event{Control: ControlClose, Session: "sess_9"}},
		{"negative and unicode", Event{Conv: "会话", Seq: -1, At: -5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeEvent(encodeEvent(tt.ev))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.ev) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, tt.ev)
			}
		})
	}
}

func TestEnvelopeReadsJSON(t *testing.T) {
	want := Event{Conv: "c_1", Seq: 3, Author: "a_1", CMID: "x", Frame: json.RawMessage(`{"type":"message"}`), At: 7}
	p, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeEvent(p)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeEvent(JSON) = %+v, %v; want %+v", got, err, want)
	}
}

func TestEnvelopeRejectsDamage(t *testing.T) {
	full := encodeEvent(Event{Origin: "s_1", Conv: "c_1", Seq: 42, Frame: json.RawMessage(`{}`)})
	tests := []struct {
		name string
		p    []byte
	}{
		{"nothing", nil},
		{"unknown version", []byte{9, 0, 0}},
		{"cut in a string", full[:4]},
		{"cut before the varints", full[:1+1+3+1+3+4]},
		{"length past the end", []byte{envelopeVersion, 200}},
		{"bad JSON", []byte(`{"c":`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decodeEvent(tt.p); err == nil {
				t.Errorf("decodeEvent(%q) succeeded", tt.p)
			}
		})
	}
}

func BenchmarkEnvelope(b *testing.B) {
	ev := Event{Origin: "s_01kabc", Conv: "c_01kxyz", Seq: 42, Author: "v_01k", CMID: "cmid-123",
		Frame: json.RawMessage(`{"type":"message","conv":"c_01kxyz","seq":42,"msg":{"id":"m_1","body":"hello there, a message of some length"}}`),
		At:    1_763_800_000_000_000_000}
	b.Run("binary", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeEvent(encodeEvent(ev)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			p, _ := json.Marshal(ev)
			var got Event
			if err := json.Unmarshal(p, &got); err != nil {
				b.Fatal(err)
			}
		}
	})
}
