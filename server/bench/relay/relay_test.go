package relay_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/bench/relay"
	"github.com/parley-chat/parley/server/internal/testenv"
)

// TestInProcess: without Redis a frame reaches the target's socket on the
// same node, and /metrics counts the sockets under Parley's gauge names.
func TestInProcess(t *testing.T) {
	srv := start(t, "")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a, b := dial(ctx, t, srv, "a"), dial(ctx, t, srv, "b")
	waitSockets(t, srv, 2)
	send(ctx, t, a, "b hello b")
	if got := recv(ctx, t, b); got != "hello b" {
		t.Fatalf("b got %q", got)
	}
	waitMetric(t, srv, "parley_relay_delivered_total 1\n") // counted once the write returned
	metrics := get(t, srv.URL+"/metrics")
	for _, name := range []string{"parley_process_resident_bytes ", "parley_go_heap_bytes "} {
		if !strings.Contains(metrics, name) {
			t.Errorf("/metrics lacks %q:\n%s", name, metrics)
		}
	}
}

// TestTwoNodesThroughRedis: a frame sent on one node reaches its target on
// the other through the shared Redis channel, both ways.
func TestTwoNodesThroughRedis(t *testing.T) {
	addr, _ := testenv.StartRedis(t)
	n1, n2 := start(t, "redis://"+addr), start(t, "redis://"+addr)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a, b := dial(ctx, t, n1, "a"), dial(ctx, t, n2, "b")
	waitSockets(t, n1, 1)
	waitSockets(t, n2, 1)
	for i := range 3 {
		send(ctx, t, a, "b to-b")
		send(ctx, t, b, "a to-a")
		if got := recv(ctx, t, b); got != "to-b" {
			t.Fatalf("round %d: b got %q", i, got)
		}
		if got := recv(ctx, t, a); got != "to-a" {
			t.Fatalf("round %d: a got %q", i, got)
		}
	}
}

func TestRequiresID(t *testing.T) {
	srv := start(t, "")
	resp, err := http.Get(srv.URL + "/ws")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("GET /ws without id: HTTP %d", resp.StatusCode)
	}
}

func start(t *testing.T, redisURL string) *httptest.Server {
	t.Helper()
	r, err := relay.New(context.Background(), relay.Options{RedisURL: redisURL})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.Handler())
	t.Cleanup(func() { _ = r.Close(); srv.Close() })
	return srv
}

func dial(ctx context.Context, t *testing.T, srv *httptest.Server, id string) *websocket.Conn {
	t.Helper()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/ws?id="+id, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.CloseNow() })
	return c
}

func send(ctx context.Context, t *testing.T, c *websocket.Conn, frame string) {
	t.Helper()
	if err := c.Write(ctx, websocket.MessageText, []byte(frame)); err != nil {
		t.Fatal(err)
	}
}

func recv(ctx context.Context, t *testing.T, c *websocket.Conn) string {
	t.Helper()
	_, b, err := c.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitSockets waits until the node counts n open sockets: Accept returns
// to the client before the node registers the socket.
func waitSockets(t *testing.T, srv *httptest.Server, n int) {
	t.Helper()
	waitMetric(t, srv, "parley_sockets_open "+strconv.Itoa(n)+"\n")
}

// waitMetric waits until /metrics holds line.
func waitMetric(t *testing.T, srv *httptest.Server, line string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(get(t, srv.URL+"/metrics"), line) {
			return
		}
	}
	t.Fatalf("/metrics never held %q:\n%s", line, get(t, srv.URL+"/metrics"))
}
