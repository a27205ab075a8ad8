package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// response is an HTTP answer read in full.
type response struct {
	status int
	header http.Header
	body   []byte
}

// call sends method path (under /api/v1) with "Authorization: Bearer
// token" (no header when token is "") and body: a string is sent as is,
// anything else but nil as JSON.
func call(t testing.TB, n *servertest.Node, token, method, path string, body any) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, n.URL+"/api/v1"+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	return send(t, req)
}

// send does req and reads the whole answer.
func send(t testing.TB, req *http.Request) response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", req.Method, req.URL.Path, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// decode checks the status and unmarshals the body into v.
func (r response) decode(t testing.TB, status int, v any) {
	t.Helper()
	if r.status != status {
		t.Fatalf("HTTP %d, want %d: %s", r.status, status, r.body)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
}

// wantError checks that r is a JSON error {"code", "error"} with this
// status and code.
func (r response) wantError(t testing.TB, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("HTTP %d, want %d: %s", r.status, status, r.body)
	}
	if mt, _, err := mime.ParseMediaType(r.header.Get("Content-Type")); err != nil || mt != "application/json" {
		t.Errorf("Content-Type %q, want application/json", r.header.Get("Content-Type"))
	}
	var e map[string]any
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %s is not JSON: %v", r.body, err)
	}
	if e["code"] != code {
		t.Errorf("code %v, want %q (body %s)", e["code"], code, r.body)
	}
	if msg, ok := e["error"].(string); !ok || msg == "" {
		t.Errorf("error body %s has no \"error\" message", r.body)
	}
}

// addAgent creates an agent with role and returns it with a fresh API token.
func addAgent(t testing.TB, n *servertest.Node, email, role string) (store.Agent, string) {
	t.Helper()
	ctx := context.Background()
	a, _, err := admin.AddAgent(ctx, n.Server.Store, email, "", role)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := admin.AddToken(ctx, n.Server.Store, email, "test")
	if err != nil {
		t.Fatal(err)
	}
	return a, tok
}

// cmids numbers client message ids so that none repeats within a test run.
var cmids atomic.Int64

// visitor is a visitor's socket and id.
type visitor struct {
	*servertest.Raw
	id string
}

// newVisitor connects a new visitor to the site with this key.
func newVisitor(t testing.TB, n *servertest.Node, siteKey string) visitor {
	t.Helper()
	raw := n.Dial(t, "/ws/visitor", servertest.SiteOrigin)
	w := raw.VisitorHello(siteKey, "")
	return visitor{Raw: raw, id: w["visitor"].(map[string]any)["id"].(string)}
}

// start sends the visitor's first message and returns the new
// conversation's id.
func (v visitor) start(t testing.TB, body string) string {
	t.Helper()
	v.SendJSON(map[string]any{"type": "send", "id": "s", "conv": "", "body": body,
		"cmid": "v" + strconv.FormatInt(cmids.Add(1), 10)})
	conv, _ := v.Expect("ack")["conv"].(string)
	if conv == "" {
		t.Fatal("ack without a conversation id")
	}
	return conv
}

// startConversations starts k conversations, each by a new visitor, a few
// milliseconds apart so that their activity times differ. It returns them
// oldest first.
func startConversations(t testing.TB, n *servertest.Node, k int) []string {
	t.Helper()
	convs := make([]string, k)
	for i := range convs {
		if i > 0 {
			time.Sleep(5 * time.Millisecond)
		}
		convs[i] = newVisitor(t, n, n.SiteKey).start(t, "hello "+strconv.Itoa(i))
	}
	return convs
}

// TestRouting checks the router's own answers for unknown routes and
// methods.
func TestRouting(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	tests := []struct {
		method, path string
		status       int
		code         string
	}{
		{http.MethodGet, "/nope", http.StatusNotFound, "not_found"},
		{http.MethodGet, "/conversations/c1/nope", http.StatusNotFound, "not_found"},
		{http.MethodPost, "/agents", http.StatusNotFound, "not_found"},
		{http.MethodDelete, "/conversations", http.StatusMethodNotAllowed, "method_not_allowed"},
		{http.MethodPut, "/conversations/c1", http.StatusMethodNotAllowed, "method_not_allowed"},
		{http.MethodGet, "/sites", http.StatusMethodNotAllowed, "method_not_allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			call(t, n, n.AgentToken, tt.method, tt.path, nil).wantError(t, tt.status, tt.code)
		})
	}
}
