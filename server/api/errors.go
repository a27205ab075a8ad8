package api

import (
	"errors"
	"net/http"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// apiError is an error with an HTTP status and a stable code.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"error"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

var (
	errUnauthorized = &apiError{http.StatusUnauthorized, "unauthorized", "a valid API token is required: Authorization: Bearer <token>"}
	errForbidden    = &apiError{http.StatusForbidden, "forbidden", "only owners and admins may do this"}
	errNotFound     = &apiError{http.StatusNotFound, "not_found", "no such resource"}
	errMethod       = &apiError{http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed on this resource"}
	errTooLarge     = &apiError{http.StatusRequestEntityTooLarge, "too_large", "request body too large"}
	errConflict     = &apiError{http.StatusConflict, "conflict", "the request conflicts with the current state"}
	errUnavailable  = &apiError{http.StatusServiceUnavailable, "unavailable", "temporarily unavailable, retry"}
)

func badRequest(msg string) *apiError {
	return &apiError{http.StatusBadRequest, "bad_request", msg}
}

// fail writes err as {"code", "error"}; unknown errors are logged and
// become a 500 that reveals nothing.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	var pe *protocol.Error
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &pe) && pe.Code == protocol.CodeTooLarge:
		ae = &apiError{http.StatusRequestEntityTooLarge, "too_large", pe.Message}
	case errors.As(err, &pe):
		ae = badRequest(pe.Message)
	case errors.Is(err, store.ErrNotFound):
		ae = errNotFound
	case errors.Is(err, store.ErrConflict):
		ae = errConflict
	case errors.Is(err, store.ErrUnavailable):
		ae = errUnavailable
	default:
		h.log.Error("api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = &apiError{http.StatusInternalServerError, "internal", "internal error"}
	}
	if ae.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, ae.Status, ae)
}
