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
	var env struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, fmt.Errorf("protocol: decode server frame: %w", err)
	}
	var f ServerFrame
	switch env.Type {
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
		return nil, fmt.Errorf("protocol: unknown server frame type %q", env.Type)
	}
	if err := json.Unmarshal(data, f); err != nil {
		return nil, fmt.Errorf("protocol: decode %s frame: %w", env.Type, err)
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
