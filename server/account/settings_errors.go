package account

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/parley-chat/parley/server/admin"
)

// apiError is a refusal of the settings endpoints with its own status,
// code and words: "only an owner may…", "that shortcut is taken".
type apiError struct {
	status     int
	code, text string
}

func (e *apiError) Error() string { return "account: " + e.text }

func forbidden(text string) error { return &apiError{http.StatusForbidden, "forbidden", text} }
func conflict(text string) error  { return &apiError{http.StatusConflict, "conflict", text} }
func notFound(text string) error  { return &apiError{http.StatusNotFound, "not_found", text} }
func badRequest(text string) error {
	return &apiError{http.StatusBadRequest, "bad_request", text}
}

// reply writes err: an apiError or an input error as it says, anything
// else through fail.
func (h *Handler) reply(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		writeError(w, ae.status, ae.code, ae.text)
	case admin.IsInvalid(err):
		var ie *admin.InvalidError
		errors.As(err, &ie)
		writeError(w, http.StatusBadRequest, "bad_request", ie.Error())
	default:
		h.fail(w, r, err)
	}
}

// decodeJSON reads a small JSON body into v, refusing unknown fields.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any, hint string) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("send " + hint)
	}
	return nil
}

// signedInAgent is the agent of an authenticated request.
func signedInAgent(r *http.Request) signedIn { return r.Context().Value(ctxKey{}).(signedIn) }
