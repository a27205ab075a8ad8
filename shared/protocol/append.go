package protocol

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendAck and AppendMessage encode the two frames a node writes for
// every message, byte for byte as Encode does (FuzzAppend checks this),
// without reflection or an encoder per call.

// AppendAck appends the encoding of a to dst.
func AppendAck(dst []byte, a Ack) []byte {
	dst = appendKey(dst, '{', "type")
	dst = appendString(dst, a.Type)
	dst = appendKey(dst, ',', "id")
	dst = appendString(dst, a.ID)
	dst = appendKey(dst, ',', "conv")
	dst = appendString(dst, a.Conv)
	dst = appendKey(dst, ',', "cmid")
	dst = appendString(dst, a.CMID)
	dst = appendKey(dst, ',', "seq")
	dst = strconv.AppendInt(dst, a.Seq, 10)
	dst = appendKey(dst, ',', "at")
	return append(appendTime(dst, a.At), '}')
}

// AppendMessage appends the encoding of m to dst.
func AppendMessage(dst []byte, m Message) []byte {
	dst = appendKey(dst, '{', "type")
	dst = appendString(dst, m.Type)
	dst = appendKey(dst, ',', "conv")
	dst = appendString(dst, m.Conv)
	dst = appendKey(dst, ',', "seq")
	dst = strconv.AppendInt(dst, m.Seq, 10)
	dst = appendKey(dst, ',', "msg")
	dst = appendKey(dst, '{', "id")
	dst = appendString(dst, m.Msg.ID)
	dst = appendKey(dst, ',', "seq")
	dst = strconv.AppendInt(dst, m.Msg.Seq, 10)
	dst = appendKey(dst, ',', "cmid")
	dst = appendString(dst, m.Msg.CMID)
	dst = appendKey(dst, ',', "author")
	dst = appendKey(dst, '{', "kind")
	dst = appendString(dst, m.Msg.Author.Kind)
	dst = appendKey(dst, ',', "id")
	dst = appendString(dst, m.Msg.Author.ID)
	dst = appendKey(dst, ',', "name")
	dst = appendString(dst, m.Msg.Author.Name)
	dst = append(dst, '}')
	dst = appendKey(dst, ',', "body")
	dst = appendString(dst, m.Msg.Body)
	dst = appendKey(dst, ',', "at")
	return append(appendTime(dst, m.Msg.At), '}', '}')
}

func appendKey(dst []byte, sep byte, key string) []byte {
	dst = append(dst, sep, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':')
}

// appendTime writes t as time.Time's MarshalJSON does. A year outside
// 0…9999, which MarshalJSON refuses, cannot come from the store's clock.
func appendTime(dst []byte, t time.Time) []byte {
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping off:
// invalid UTF-8 becomes U+FFFD, and control characters, U+2028 and U+2029
// are escaped.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscape(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			if r == utf8.RuneError {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func appendEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
