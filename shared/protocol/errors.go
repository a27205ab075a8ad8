package protocol

// Error codes carried by error frames.
const (
	CodeBadFrame     = "bad_frame"
	CodeTooLarge     = "too_large"
	CodeUnauthorized = "unauthorized"
	CodeNotFound     = "not_found"
	CodeRateLimited  = "rate_limited"
	CodeUnavailable  = "unavailable"
)

// Error is both the error frame and the Go error the decoder and the server
// return, so a failure travels to the client unchanged.
type Error struct {
	Type         string `json:"type"`
	ID           string `json:"id,omitempty"`
	Code         string `json:"code"`
	Message      string `json:"message"`
	RetryAfterMS int    `json:"retry_after_ms,omitempty"`
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// NewError returns an error frame with the given code and message.
func NewError(code, message string) *Error {
	return &Error{Type: TypeError, Code: code, Message: message}
}

// WithID returns a copy of e that answers the request id.
func (e *Error) WithID(id string) *Error {
	c := *e
	c.ID = id
	return &c
}
