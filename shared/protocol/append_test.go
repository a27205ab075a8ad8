package protocol

import (
	"bytes"
	"testing"
	"time"
)

// FuzzAppend: AppendAck and AppendMessage write what Encode writes.
func FuzzAppend(f *testing.F) {
	f.Add("r1", "c_1", "m1", "Maria", "Hi, my order <1042> & \"more\"", int64(7), int64(1_795_000_000_123_456_789))
	f.Add("", "", "", "", "", int64(0), int64(0))
	f.Add("\u2028\u2029", "\x00\x1f\x7f", "\xff\xfe", "\\", "é中文😀\b\f\n\r\t", int64(-1), int64(-1))
	f.Fuzz(func(t *testing.T, id, conv, cmid, name, body string, seq, nanos int64) {
		at := time.Unix(0, nanos).UTC()
		ack := Ack{Type: TypeAck, ID: id, Conv: conv, CMID: cmid, Seq: seq, At: at}
		msg := Message{Type: TypeMessage, Conv: conv, Seq: seq, Msg: Msg{ID: id, Seq: seq, CMID: cmid,
			Author: Author{Kind: AuthorVisitor, ID: cmid, Name: name}, Body: body, At: at}}
		for _, c := range []struct {
			frame any
			got   []byte
		}{{ack, AppendAck(nil, ack)}, {msg, AppendMessage(nil, msg)}} {
			want, err := Encode(c.frame)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(c.got, want) {
				t.Fatalf("append wrote\n%s\nEncode\n%s", c.got, want)
			}
		}
	})
}
