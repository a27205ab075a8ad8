package protocol

import (
	"testing"
	"time"
)

// TestFastPathTaken: the frames every message crosses, as Encode and the
// clients write them, take the fast path (the fuzz targets check that it
// agrees with encoding/json).
func TestFastPathTaken(t *testing.T) {
	at := time.Date(2026, 11, 22, 10, 0, 0, 123, time.UTC)
	for _, frame := range []ServerFrame{
		&Ack{Type: TypeAck, ID: "r1", Conv: "c_1", CMID: "m1", Seq: 7, At: at},
		&Message{Type: TypeMessage, Conv: "c_1", Seq: 7, Msg: Msg{ID: "m_1", Seq: 7, CMID: "m1",
			Author: Author{Kind: AuthorVisitor, ID: "v_1", Name: "Maria"}, Body: "Hi <there> & 中文", At: at}},
	} {
		b, err := Encode(frame)
		if err != nil {
			t.Fatal(err)
		}
		typ, _ := leadingType(b)
		if _, ok := fastServerFrame(typ, b); !ok {
			t.Errorf("%s: not read by the fast path", b)
		}
	}
	for _, send := range []Send{
		{Type: TypeSend, ID: "r1", Conv: "c_1", CMID: "m1", Body: "Hi"},
		{Type: TypeSend, ID: "r1", CMID: "m1", Body: "a note", Note: true},
	} {
		b, err := Encode(send)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := fastSend(b); !ok {
			t.Errorf("%s: not read by the fast path", b)
		}
	}
}
