package console

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/parley-chat/parley/shared/protocol"
)

// The console API (/api/console) through the browser's fetch: net/http
// would add about a megabyte to the WebAssembly. Every call blocks until
// the answer is in, so it runs on its own goroutine, never on the UI's.

const apiBase = "/api/console"

// HTTP statuses the console acts on (net/http itself is too big to import).
const (
	statusUnauthorized    = 401
	statusTooManyRequests = 429
)

// errUnavailable is a failed request: no network, or the server's answer
// could not be read.
var errUnavailable = errors.New("console: the server is unavailable")

// statusError is an answer other than 2xx.
type statusError struct {
	Status int
	Code   string `json:"code"`
	Msg    string `json:"error"`
}

func (e *statusError) Error() string { return "console: HTTP " + strconv.Itoa(e.Status) + " " + e.Code }

// httpStatus returns the HTTP status of a failed call, 0 for none.
func httpStatus(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.Status
	}
	return 0
}

// Session is who is signed in, and the token state changes must carry.
type Session struct {
	Agent *protocol.AgentInfo `json:"agent"`
	CSRF  string              `json:"csrf"`
}

// Detail is one conversation with its visitor (GET /conversations/{id}).
type Detail struct {
	ID       string      `json:"id"`
	Status   string      `json:"status"`
	Assignee string      `json:"assignee"`
	Visitor  VisitorInfo `json:"visitor"`
}

// api calls the console API with the session's CSRF token.
type api struct{ csrf string }

func (a *api) session() (Session, error) {
	var s Session
	err := a.call("GET", "/session", nil, &s)
	return s, err
}

func (a *api) login(email, password string) (Session, error) {
	var s Session
	err := a.call("POST", "/login", map[string]string{"email": email, "password": password}, &s)
	return s, err
}

func (a *api) logout() error { return a.call("POST", "/logout", nil, nil) }

func (a *api) team() ([]Teammate, error) {
	var out struct{ Agents []Teammate }
	err := a.call("GET", "/agents", nil, &out)
	return out.Agents, err
}

func (a *api) inbox() ([]Summary, error) {
	var out struct{ Conversations []Summary }
	err := a.call("GET", "/conversations", nil, &out)
	return out.Conversations, err
}

func (a *api) detail(conv string) (Detail, error) {
	var d Detail
	err := a.call("GET", "/conversations/"+conv, nil, &d)
	return d, err
}

func (a *api) notes(conv string) ([]protocol.Msg, error) {
	var out struct{ Notes []protocol.Msg }
	err := a.call("GET", "/conversations/"+conv+"/notes", nil, &out)
	return out.Notes, err
}

// call sends a same-origin JSON request and decodes a 2xx answer into out.
func (a *api) call(method, path string, body, out any) error {
	headers := map[string]any{"Accept": "application/json"}
	opts := map[string]any{"method": method, "credentials": "same-origin", "cache": "no-store", "headers": headers}
	if method != "GET" {
		headers["X-CSRF-Token"] = a.csrf
	}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		headers["Content-Type"] = "application/json"
		opts["body"] = string(b)
	}
	resp, err := await(app.Window().Call("fetch", apiBase+path, opts))
	if err != nil {
		return errUnavailable
	}
	text, err := await(resp.Call("text"))
	if err != nil {
		return errUnavailable
	}
	if status := resp.Get("status").Int(); status < 200 || status > 299 {
		se := &statusError{Status: status}
		_ = json.Unmarshal([]byte(text.String()), se)
		return se
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal([]byte(text.String()), out); err != nil {
		return errUnavailable
	}
	return nil
}

// await waits for a JavaScript promise and returns its value, or an error
// when it is rejected.
func await(p app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	ch := make(chan result, 1)
	then := app.FuncOf(func(this app.Value, args []app.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch := app.FuncOf(func(this app.Value, args []app.Value) any {
		ch <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
