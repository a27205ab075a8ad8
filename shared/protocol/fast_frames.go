package protocol

import (
	"bytes"
	"unicode/utf8"
)

// fastSend reads a send frame of the common shape; see fast.go. The caller
// has checked that data is valid UTF-8, and canonicalizes and validates
// what it returns as it does any decoded frame.
func fastSend(data []byte) (*Send, bool) {
	if !bytes.HasPrefix(data, []byte(`{"type":"send",`)) {
		return nil, false
	}
	var (
		f    Send
		seen fields
		s    = scanner{b: data}
	)
	ok := s.object(func(key []byte) bool {
		switch string(key) {
		case "type":
			return seen.once(0) && s.str(&f.Type)
		case "id":
			return seen.once(1) && s.str(&f.ID)
		case "conv":
			return seen.once(2) && s.str(&f.Conv)
		case "cmid":
			return seen.once(3) && s.str(&f.CMID)
		case "body":
			return seen.once(4) && s.str(&f.Body)
		case "note":
			return seen.once(5) && s.boolean(&f.Note)
		}
		return false
	})
	if !ok || !s.done() || !seen.has(1, 2, 3, 4) {
		return nil, false
	}
	return &f, true
}

// fastServerFrame reads an ack or a message frame of the common shape;
// see fast.go.
func fastServerFrame(typ string, data []byte) (ServerFrame, bool) {
	if (typ != TypeAck && typ != TypeMessage) || !utf8.Valid(data) {
		return nil, false
	}
	s := scanner{b: data}
	var f ServerFrame
	var ok bool
	if typ == TypeAck {
		f, ok = s.ack()
	} else {
		f, ok = s.message()
	}
	return f, ok && s.done()
}

func (s *scanner) ack() (*Ack, bool) {
	var f Ack
	var seen fields
	ok := s.object(func(key []byte) bool {
		switch string(key) {
		case "type":
			return seen.once(0) && s.str(&f.Type)
		case "id":
			return seen.once(1) && s.str(&f.ID)
		case "conv":
			return seen.once(2) && s.str(&f.Conv)
		case "cmid":
			return seen.once(3) && s.str(&f.CMID)
		case "seq":
			return seen.once(4) && s.int(&f.Seq)
		case "at":
			return seen.once(5) && s.time(&f.At)
		}
		return false
	})
	return &f, ok
}

func (s *scanner) message() (*Message, bool) {
	var f Message
	var seen fields
	ok := s.object(func(key []byte) bool {
		switch string(key) {
		case "type":
			return seen.once(0) && s.str(&f.Type)
		case "conv":
			return seen.once(1) && s.str(&f.Conv)
		case "seq":
			return seen.once(2) && s.int(&f.Seq)
		case "msg":
			return seen.once(3) && s.msg(&f.Msg)
		}
		return false
	})
	return &f, ok
}

func (s *scanner) msg(m *Msg) bool {
	var seen fields
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "id":
			return seen.once(0) && s.str(&m.ID)
		case "seq":
			return seen.once(1) && s.int(&m.Seq)
		case "cmid":
			return seen.once(2) && s.str(&m.CMID)
		case "author":
			return seen.once(3) && s.author(&m.Author)
		case "body":
			return seen.once(4) && s.str(&m.Body)
		case "at":
			return seen.once(5) && s.time(&m.At)
		}
		return false
	})
}

func (s *scanner) author(a *Author) bool {
	var seen fields
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "kind":
			return seen.once(0) && s.str(&a.Kind)
		case "id":
			return seen.once(1) && s.str(&a.ID)
		case "name":
			return seen.once(2) && s.str(&a.Name)
		}
		return false
	})
}
