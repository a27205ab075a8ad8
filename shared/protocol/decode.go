package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// ClientFrame is a decoded client-to-server frame: *Hello, *Send, *Typing,
// *Read, *HistoryRequest, *Ping or (agents only) *Viewing.
type ClientFrame interface{ clientFrame() }

func (*Hello) clientFrame()          {}
func (*Send) clientFrame()           {}
func (*Typing) clientFrame()         {}
func (*Read) clientFrame()           {}
func (*HistoryRequest) clientFrame() {}
func (*Ping) clientFrame()           {}
func (*Viewing) clientFrame()        {}

// Dialect holds what differs between the visitor and the agent socket.
type Dialect struct {
	name      string
	required  map[string][]string
	agent     bool
	maxResume int
	maxFrame  int
}

// MaxFrame is the largest client frame the dialect accepts; the server sets
// it as the socket's read limit.
func (d Dialect) MaxFrame() int { return d.maxFrame }

// VisitorFrames is the dialect of /ws/visitor.
var VisitorFrames = Dialect{name: "visitor", maxResume: MaxResumeEntries, maxFrame: MaxFrameBytes, required: map[string][]string{
	TypeHello:   {"site", "token"},
	TypeSend:    {"id", "conv", "cmid", "body"},
	TypeTyping:  {"conv", "on"},
	TypeRead:    {"conv", "seq"},
	TypeHistory: {"id", "conv"},
	TypePing:    {},
}}

// AgentFrames is the dialect of /ws/agent.
var AgentFrames = Dialect{name: "agent", agent: true, maxResume: MaxAgentResumeEntries, maxFrame: MaxAgentFrameBytes, required: map[string][]string{
	TypeHello:   {"token"},
	TypeSend:    {"id", "conv", "cmid", "body"},
	TypeTyping:  {"conv", "on"},
	TypeRead:    {"conv", "seq"},
	TypeHistory: {"id", "conv"},
	TypePing:    {},
	TypeViewing: {"conv", "on"},
}}

// Decode parses one client frame strictly: the frame must be at most
// MaxFrameBytes of valid UTF-8 holding one JSON object of a known type, with
// every required field present and of the right type, and within the limits
// of protocol v1. Unknown fields are ignored so that v1 clients may add
// optional ones. The returned error is always a *Error.
func (d Dialect) Decode(data []byte) (ClientFrame, error) {
	if len(data) > d.maxFrame {
		return nil, NewError(CodeTooLarge, fmt.Sprintf("frame is %d bytes, the limit is %d", len(data), d.maxFrame))
	}
	f, err := d.decode(data)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// decode is Decode without the frame size limit. The fuzz tests use it to
// check that a re-encoded frame, which JSON escaping may have made longer
// than the original, still decodes to the same frame.
func (d Dialect) decode(data []byte) (ClientFrame, *Error) {
	if !utf8.Valid(data) {
		return nil, NewError(CodeBadFrame, "frame is not valid UTF-8")
	}
	if f, ok := fastSend(data); ok {
		return d.checked(f, TypeSend, f.ID)
	}
	return d.decodeGeneral(data)
}

// decodeGeneral is decode for a frame of any shape, with encoding/json.
func (d Dialect) decodeGeneral(data []byte) (ClientFrame, *Error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil || fields == nil {
		return nil, NewError(CodeBadFrame, "frame is not a JSON object")
	}
	id := requestID(fields)
	rawType, ok := fields["type"]
	if !ok {
		return nil, NewError(CodeBadFrame, `frame has no "type"`).WithID(id)
	}
	var typ string
	if err := json.Unmarshal(rawType, &typ); err != nil {
		return nil, NewError(CodeBadFrame, `"type" must be a string`).WithID(id)
	}
	required, ok := d.required[typ]
	if !ok {
		return nil, NewError(CodeBadFrame, fmt.Sprintf("unknown frame type %q", typ)).WithID(id)
	}
	for _, name := range required {
		if v, ok := fields[name]; !ok || bytes.Equal(v, []byte("null")) {
			return nil, NewError(CodeBadFrame, fmt.Sprintf("%s: field %q is required", typ, name)).WithID(id)
		}
	}
	f := newFrame(typ)
	if err := json.Unmarshal(data, f); err != nil {
		return nil, NewError(CodeBadFrame, fmt.Sprintf("%s: %s", typ, fieldError(err))).WithID(id)
	}
	return d.checked(f, typ, id)
}

// checked canonicalizes and validates a decoded frame; id is the request
// id an error names, when it is short enough to echo.
func (d Dialect) checked(f ClientFrame, typ, id string) (ClientFrame, *Error) {
	canonicalize(f, typ)
	if err := d.validate(f); err != nil {
		if utf8.RuneCountInString(id) > MaxIDChars {
			id = ""
		}
		return nil, err.WithID(id)
	}
	return f, nil
}

// canonicalize puts a decoded frame in the one form that re-encodes and
// decodes to itself. encoding/json matches keys case-insensitively, so
// {"type":"send","TYPE":"ping"} would otherwise yield a Send whose Type says
// ping; an empty resume map is dropped by omitempty when re-encoded. Authors
// of typing and read frames are set by the server, never taken from clients.
func canonicalize(f ClientFrame, typ string) {
	switch f := f.(type) {
	case *Hello:
		f.Type = typ
		if len(f.Resume) == 0 {
			f.Resume = nil
		}
		if !ValidTimezone(f.Timezone) {
			f.Timezone = ""
		}
	case *Send:
		f.Type = typ
	case *Typing:
		f.Type, f.Author = typ, nil
	case *Read:
		f.Type, f.Author = typ, nil
	case *HistoryRequest:
		f.Type = typ
	case *Ping:
		f.Type = typ
	case *Viewing:
		f.Type, f.Author = typ, nil
	}
}

func newFrame(typ string) ClientFrame {
	switch typ {
	case TypeHello:
		return &Hello{}
	case TypeSend:
		return &Send{}
	case TypeTyping:
		return &Typing{}
	case TypeRead:
		return &Read{}
	case TypeHistory:
		return &HistoryRequest{}
	case TypeViewing:
		return &Viewing{}
	default:
		return &Ping{}
	}
}

// requestID recovers a string "id" so that even a rejected request's error
// frame can name it.
func requestID(fields map[string]json.RawMessage) string {
	var id string
	if json.Unmarshal(fields["id"], &id) != nil || utf8.RuneCountInString(id) > MaxIDChars {
		return ""
	}
	return id
}

func fieldError(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok && te.Field != "" {
		return fmt.Sprintf("field %q must be %s, not %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	}
	return "malformed frame"
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "int", "int64":
		return "an integer"
	case "map", "struct", "ptr":
		return "an object"
	}
	return goKind
}
