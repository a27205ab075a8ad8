package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ServerFrame is a decoded server-to-client frame: *Welcome, *Ack, *Message,
// *Note, *Typing, *Read, *Presence, *Status, *History, *Error, *Pong or
// *Team or (agents only) *Viewing.
type ServerFrame any

// DecodeServer parses a server-to-client frame. Clients use it; it is lenient
// about unknown fields and strict about the type.
func DecodeServer(data []byte) (ServerFrame, error) {
	typ, ok := leadingType(data)
	if !ok {
		var env struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(data, &env); err != nil {
			return nil, fmt.Errorf("protocol: decode server frame: %w", err)
		}
		typ = env.Type
	}
	if f, ok := fastServerFrame(typ, data); ok {
		return f, nil
	}
	f, err := newServerFrame(typ)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, f); err != nil {
		return nil, fmt.Errorf("protocol: decode %s frame: %w", typ, err)
	}
	return f, nil
}

// leadingType reads the type of a frame that opens with {"type":"…", as
// every frame Encode makes does, without a pass over the whole frame;
// ok is false for a frame of any other shape, or one that names its type
// twice, which the caller then reads in full. Clients decode every frame
// they receive, and the extra pass was 40% of that.
func leadingType(data []byte) (typ string, ok bool) {
	const open = `{"type":"`
	rest, found := bytes.CutPrefix(data, []byte(open))
	if !found {
		return "", false
	}
	end := bytes.IndexByte(rest, '"')
	if end < 0 || bytes.IndexByte(rest[:end], '\\') >= 0 || bytes.Contains(rest[end:], []byte(`"type"`)) {
		return "", false
	}
	return string(rest[:end]), true
}

// newServerFrame returns a pointer to the frame struct for typ.
func newServerFrame(typ string) (ServerFrame, error) {
	var f ServerFrame
	switch typ {
	case TypeWelcome:
		f = &Welcome{}
	case TypeAck:
		f = &Ack{}
	case TypeMessage:
		f = &Message{}
	case TypeNote:
		f = &Note{}
	case TypeTyping:
		f = &Typing{}
	case TypeRead:
		f = &Read{}
	case TypePresence:
		f = &Presence{}
	case TypeStatus:
		f = &Status{}
	case TypeHistory:
		f = &History{}
	case TypeError:
		f = &Error{}
	case TypePong:
		f = &Pong{}
	case TypeTeam:
		f = &Team{}
	case TypeViewing:
		f = &Viewing{}
	default:
		return nil, fmt.Errorf("protocol: unknown server frame type %q", typ)
	}
	return f, nil
}

// Encode marshals a frame. Frames are plain structs, so this cannot fail for
// them; the error is kept for callers that pass other values. HTML is not
// escaped: frames never go into a page as markup, and escaping "<" as
// "\u003c" would let a 4000-character body of angle brackets outgrow
// MaxFrameBytes.
func Encode(frame any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(frame); err != nil {
		return nil, fmt.Errorf("protocol: encode frame: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
