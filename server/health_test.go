package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/servertest"
)

// probe GETs path on the node and returns the status and body.
func probe(t *testing.T, n *servertest.Node, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(n.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

// readiness GETs /readyz and decodes its per-dependency report.
func readiness(t *testing.T, n *servertest.Node) (int, map[string]string) {
	t.Helper()
	code, body := probe(t, n, "/readyz")
	var report map[string]string
	if err := json.Unmarshal([]byte(body), &report); err != nil {
		t.Fatalf("/readyz body %q: %v", body, err)
	}
	return code, report
}

// TestHealthAndReadiness checks that /healthz reports the process and
// /readyz its dependencies: a closed store makes the node unready but not
// unhealthy.
func TestHealthAndReadiness(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	if code, body := probe(t, n, "/healthz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Fatalf("/healthz: %d %q, want 200 ok", code, body)
	}
	if code, report := readiness(t, n); code != http.StatusOK || report["store"] != "ok" || report["bus"] != "ok" || len(report) != 2 {
		t.Fatalf("/readyz: %d %v, want 200 {store: ok, bus: ok}", code, report)
	}

	// The node's cleanup closes the store again; a second close is harmless
	// and Stop's error is not checked there.
	if err := n.Server.Store.Close(); err != nil {
		t.Fatal(err)
	}
	code, report := readiness(t, n)
	if code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz with a closed store: %d %v, want 503", code, report)
	}
	if report["store"] == "" || report["store"] == "ok" || report["bus"] != "ok" {
		t.Fatalf("/readyz with a closed store reported %v, want the store named as failing and the bus ok", report)
	}
	if code, body := probe(t, n, "/healthz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Fatalf("/healthz with a closed store: %d %q, want 200 ok", code, body)
	}
}

// TestMetrics: /metrics speaks Prometheus' text format and counts this
// node's sockets.
func TestMetrics(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	v := n.Dial(t, "/ws/visitor", servertest.SiteOrigin)
	v.VisitorHello(n.SiteKey, "")
	code, body := probe(t, n, "/metrics")
	for _, want := range []string{"# TYPE parley_sockets_open gauge\nparley_sockets_open 1\n",
		"\nparley_store_up 1\n", "\nparley_bus_up 1\n", "# TYPE parley_frames_in_total counter\n",
		"# TYPE parley_process_resident_bytes gauge\n", "# TYPE parley_go_heap_bytes gauge\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if code != http.StatusOK || strings.Contains(body, "parley_redis_") {
		t.Fatalf("/metrics: HTTP %d, Redis metrics on a single node:\n%s", code, body)
	}
}
