package protocol

import (
	"fmt"
	"unicode/utf8"
)

func (d Dialect) validate(f ClientFrame) *Error {
	switch f := f.(type) {
	case *Hello:
		if err := checkID("hello", f.ID); err != nil {
			return err
		}
		return d.validateHello(f)
	case *Ping:
		return checkID("ping", f.ID)
	case *Send:
		return d.validateSend(f)
	case *Typing:
		return checkConv("typing", f.Conv)
	case *Viewing:
		return checkConv("viewing", f.Conv)
	case *Read:
		if f.Seq < 0 {
			return bad("read: seq must not be negative")
		}
		return checkConv("read", f.Conv)
	case *HistoryRequest:
		if err := checkID("history", f.ID); err != nil {
			return err
		}
		return validateHistory(f)
	}
	return nil
}

func (d Dialect) validateHello(h *Hello) *Error {
	if !d.agent && h.Site == "" {
		return bad(`hello: "site" must not be empty`)
	}
	if len(h.Resume) > d.maxResume {
		return bad(fmt.Sprintf("hello: resume names %d conversations, the limit is %d", len(h.Resume), d.maxResume))
	}
	if len(h.Attributes) > MaxAttributes {
		return bad(fmt.Sprintf("hello: %d attributes, the limit is %d", len(h.Attributes), MaxAttributes))
	}
	for k, v := range h.Attributes {
		if k == "" || utf8.RuneCountInString(k) > MaxAttrChars || utf8.RuneCountInString(v) > MaxAttrChars {
			return bad(fmt.Sprintf("hello: attribute names are 1..%d characters and values at most %d", MaxAttrChars, MaxAttrChars))
		}
	}
	for conv, seq := range h.Resume {
		if conv == "" || utf8.RuneCountInString(conv) > MaxIDChars || seq < 0 {
			return bad("hello: resume entries map a conversation id to a seq ≥ 0")
		}
	}
	return nil
}

func (d Dialect) validateSend(s *Send) *Error {
	switch {
	case s.Note && !d.agent:
		return bad("send: notes are for agents only")
	case d.agent && s.Conv == "":
		return bad(`send: agents must name "conv"`)
	case s.CMID == "" || utf8.RuneCountInString(s.CMID) > MaxIDChars:
		return bad(fmt.Sprintf(`send: "cmid" must be 1..%d characters`, MaxIDChars))
	case utf8.RuneCountInString(s.ID) > MaxIDChars || utf8.RuneCountInString(s.Conv) > MaxIDChars:
		return bad(fmt.Sprintf(`send: "id" and "conv" must be at most %d characters`, MaxIDChars))
	}
	return checkBody(s.Body)
}

// checkBody enforces the message body limits.
func checkBody(body string) *Error {
	n := utf8.RuneCountInString(body)
	switch {
	case n == 0:
		return bad("send: body must not be empty")
	case n > MaxBodyChars:
		return NewError(CodeTooLarge, fmt.Sprintf("send: body is %d characters, the limit is %d", n, MaxBodyChars))
	}
	return nil
}

// CheckBody reports whether body is an acceptable message body; REST uses it
// so that both paths enforce the same limits.
func CheckBody(body string) error {
	if err := checkBody(body); err != nil {
		return err
	}
	return nil
}

func validateHistory(h *HistoryRequest) *Error {
	switch {
	case h.Limit < 0 || h.Limit > MaxHistoryLimit:
		return bad(fmt.Sprintf("history: limit must be 0..%d", MaxHistoryLimit))
	case h.Before < 0:
		return bad("history: before must not be negative")
	case h.Limit == 0:
		h.Limit = DefaultHistory
	}
	return checkConv("history", h.Conv)
}

func checkConv(typ, conv string) *Error {
	if conv == "" || utf8.RuneCountInString(conv) > MaxIDChars {
		return bad(fmt.Sprintf(`%s: "conv" must be 1..%d characters`, typ, MaxIDChars))
	}
	return nil
}

// checkID bounds a request id, which the server echoes back.
func checkID(typ, id string) *Error {
	if utf8.RuneCountInString(id) > MaxIDChars {
		return bad(fmt.Sprintf(`%s: "id" must be at most %d characters`, typ, MaxIDChars))
	}
	return nil
}

func bad(msg string) *Error { return NewError(CodeBadFrame, msg) }

// MaxTimezoneChars bounds a hello's time zone name.
const MaxTimezoneChars = 64

// ValidTimezone reports whether tz looks like an IANA time zone name: 1..64
// characters of letters, digits and _+/-. A hello with another is kept,
// its time zone dropped: a visitor must not lose the chat over it.
func ValidTimezone(tz string) bool {
	if tz == "" || len(tz) > MaxTimezoneChars {
		return false
	}
	for _, r := range tz {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '_', r == '+', r == '/', r == '-':
		default:
			return false
		}
	}
	return true
}
