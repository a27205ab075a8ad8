package protocol

import (
	"bytes"
	"time"
)

// The frames every message crosses (a client's send, the server's ack and
// message) are read by a fast path before encoding/json: a node decodes a
// send for each message, and a client an ack or a message for each one it
// sends or receives, where reflection and a second pass over the frame
// were most of the cost. The fast path takes only the shape Encode and
// the clients write: no whitespace, lower-case keys each at most once,
// strings without escapes. Anything else returns ok false, and the caller
// decodes the frame with encoding/json as before, so that both paths give
// the same frame or the same error (the fuzz targets FuzzVisitorDecode,
// FuzzAgentDecode and FuzzDecodeServer check this).

// scanner reads a JSON text from the front of b.
type scanner struct {
	b []byte
	i int
}

// object reads an object, calling field with each key; field reads the
// value and reports whether it could. Keys come as the bytes in the frame.
func (s *scanner) object(field func(key []byte) bool) bool {
	if !s.eat('{') {
		return false
	}
	if s.eat('}') {
		return true
	}
	for {
		key, ok := s.raw()
		if !ok || !s.eat(':') || !field(key) {
			return false
		}
		if s.eat('}') {
			return true
		}
		if !s.eat(',') {
			return false
		}
	}
}

// raw reads a string without escapes and returns its bytes.
func (s *scanner) raw() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

func (s *scanner) str(dst *string) bool {
	b, ok := s.raw()
	*dst = string(b)
	return ok
}

// int reads an integer that fits an int64 with digits to spare.
func (s *scanner) int(dst *int64) bool {
	neg := s.eat('-')
	start := s.i
	var n int64
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' && s.i-start < 18 {
		n = n*10 + int64(s.b[s.i]-'0')
		s.i++
	}
	digits := s.i - start
	if digits == 0 || (digits > 1 && s.b[start] == '0') || (s.i < len(s.b) && isNumberByte(s.b[s.i])) {
		return false
	}
	if neg {
		n = -n
	}
	*dst = n
	return true
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}

func (s *scanner) boolean(dst *bool) bool {
	switch {
	case bytes.HasPrefix(s.b[s.i:], []byte("true")):
		s.i += 4
		*dst = true
	case bytes.HasPrefix(s.b[s.i:], []byte("false")):
		s.i += 5
		*dst = false
	default:
		return false
	}
	return true
}

// time reads a time as encoding/json does: time.Time's UnmarshalJSON on
// the quoted text.
func (s *scanner) time(dst *time.Time) bool {
	start := s.i
	if _, ok := s.raw(); !ok {
		return false
	}
	return dst.UnmarshalJSON(s.b[start:s.i]) == nil
}

func (s *scanner) eat(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// done reports whether the whole text was read.
func (s *scanner) done() bool { return s.i == len(s.b) }

// fields marks the keys an object has had, to refuse a key given twice.
type fields uint16

// once marks field n as seen and reports whether it was new.
func (f *fields) once(n int) bool {
	bit := fields(1) << n
	if *f&bit != 0 {
		return false
	}
	*f |= bit
	return true
}

func (f fields) has(ns ...int) bool {
	for _, n := range ns {
		if f&(1<<n) == 0 {
			return false
		}
	}
	return true
}
