package servertest

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// Raw is a bare WebSocket client for protocol tests: it sends exactly the
// bytes it is given.
type Raw struct {
	t       testing.TB
	Conn    *websocket.Conn
	Timeout time.Duration // how long Read waits; 5 s when zero
	visitor string        // from the welcome VisitorHello read
}

// Dial opens a raw socket to path (e.g. "/ws/visitor") with an optional
// Origin header.
func (n *Node) Dial(t testing.TB, path, origin string) *Raw {
	t.Helper()
	return DialURL(t, n.WS+path, origin)
}

// DialURL opens a raw socket to a full ws:// URL.
func DialURL(t testing.TB, url, origin string) *Raw {
	t.Helper()
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	return DialHeader(t, url, h)
}

// DialHeader opens a raw socket with the given request headers.
func DialHeader(t testing.TB, url string, h http.Header) *Raw {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	c.SetReadLimit(1 << 20)
	t.Cleanup(func() { c.CloseNow() })
	return &Raw{t: t, Conn: c}
}

// Send writes one text frame.
func (r *Raw) Send(frame string) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := r.Conn.Write(ctx, websocket.MessageText, []byte(frame)); err != nil {
		r.t.Fatalf("write: %v", err)
	}
}

// SendJSON writes v as one frame.
func (r *Raw) SendJSON(v any) {
	r.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		r.t.Fatal(err)
	}
	r.Send(string(b))
}

// Read returns the next frame decoded as a map, or fails the test after 5s.
// A closed connection returns nil and the close status.
func (r *Raw) Read() (map[string]any, websocket.StatusCode) {
	r.t.Helper()
	timeout := r.Timeout
	if timeout == 0 {
		timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	_, data, err := r.Conn.Read(ctx)
	if err != nil {
		if code := websocket.CloseStatus(err); code != -1 {
			return nil, code
		}
		r.t.Fatalf("read: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		r.t.Fatalf("frame %s is not JSON: %v", data, err)
	}
	return m, -1
}

// Expect reads frames until one of type typ arrives, skipping presence,
// team and typing noise, and fails on a close.
func (r *Raw) Expect(typ string) map[string]any {
	r.t.Helper()
	for {
		m, code := r.Read()
		if m == nil {
			r.t.Fatalf("socket closed with %d while waiting for %q", code, typ)
		}
		if m["type"] == typ {
			return m
		}
		if m["type"] != "presence" && m["type"] != "team" && m["type"] != "typing" {
			r.t.Fatalf("got %v while waiting for %q", m, typ)
		}
	}
}

// ExpectClose reads until the socket closes and returns the status.
func (r *Raw) ExpectClose() websocket.StatusCode {
	r.t.Helper()
	for {
		m, code := r.Read()
		if m == nil {
			return code
		}
	}
}

// VisitorHello sends a visitor hello and returns the welcome.
func (r *Raw) VisitorHello(site, token string) map[string]any {
	r.t.Helper()
	r.SendJSON(map[string]any{"type": "hello", "site": site, "token": token, "resume": map[string]int64{},
		"page": map[string]string{"url": "https://shop.test/", "title": "Shop", "referrer": ""}, "locale": "en"})
	w := r.Expect("welcome")
	r.visitor, _ = w["visitor"].(map[string]any)["id"].(string)
	return w
}

// Await reads frames until one of type typ arrives, skipping all others.
func (r *Raw) Await(typ string) map[string]any {
	r.t.Helper()
	return r.Expect2(typ, typ)
}

// Expect2 reads frames until one of type a or b arrives, skipping all
// others.
func (r *Raw) Expect2(a, b string) map[string]any {
	r.t.Helper()
	for {
		m, code := r.Read()
		if m == nil {
			r.t.Fatalf("socket closed with %d while waiting for %q or %q", code, a, b)
		}
		if m["type"] == a || m["type"] == b {
			return m
		}
	}
}

// VisitorID returns the visitor id the welcome read by VisitorHello named.
func (r *Raw) VisitorID() string {
	r.t.Helper()
	if r.visitor == "" {
		r.t.Fatal("VisitorID before VisitorHello")
	}
	return r.visitor
}
