package servertest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// API calls REST v1 as the node's agent and decodes the JSON answer into
// out (when non-nil). It returns the HTTP status.
func (n *Node) API(t testing.TB, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, n.URL+"/api/v1"+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+n.AgentToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

// Reply posts an agent reply over REST and returns the stored seq.
func (n *Node) Reply(t testing.TB, conv, body, cmid string) int64 {
	t.Helper()
	var m struct {
		Seq int64 `json:"seq"`
	}
	if code := n.API(t, http.MethodPost, "/conversations/"+conv+"/messages", map[string]any{"body": body, "cmid": cmid}, &m); code != http.StatusCreated && code != http.StatusOK {
		t.Fatalf("reply: HTTP %d", code)
	}
	return m.Seq
}
