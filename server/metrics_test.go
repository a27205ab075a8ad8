package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/servertest"
)

// TestMetricsParse: the whole of /metrics is valid Prometheus text, and
// after a visitor opens a conversation and an agent answers, the store
// and publish histograms have counted those calls, and the delivery
// histogram has counted the reply reaching the visitor.
func TestMetricsParse(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	v := n.Dial(t, "/ws/visitor", servertest.SiteOrigin)
	v.VisitorHello(n.SiteKey, "")
	v.Send(`{"type":"send","id":"s1","conv":"","cmid":"m1","body":"hello"}`)
	ack := v.Await("ack")
	n.Reply(t, ack["conv"].(string), "hi there", "r1")
	v.Await("message")
	code, body := probe(t, n, "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: HTTP %d", code)
	}
	fams, err := parseProm(body)
	if err != nil {
		t.Fatalf("/metrics is not valid Prometheus text: %v\n%s", err, body)
	}
	for name, typ := range map[string]string{"parley_sockets_open": "gauge", "parley_frames_in_total": "counter",
		"parley_store_seconds": "histogram", "parley_bus_publish_seconds": "histogram", "parley_delivery_seconds": "histogram"} {
		if f := fams[name]; f == nil || f.typ != typ {
			t.Errorf("%s: %+v, want a %s", name, f, typ)
		}
	}
	count := func(fam, op string) float64 {
		for _, s := range fams[fam].samples {
			if s.name == fam+"_count" && s.labels["op"] == op {
				return s.value
			}
		}
		return -1
	}
	if c := count("parley_store_seconds", "start_conversation"); c != 1 {
		t.Errorf("start_conversation counted %v times, want 1", c)
	}
	if c := count("parley_store_seconds", "append_message"); c != 1 {
		t.Errorf("append_message counted %v times, want 1 (the reply)", c)
	}
	if c := count("parley_bus_publish_seconds", ""); c < 2 {
		t.Errorf("bus publishes counted %v times, want at least the two messages", c)
	}
	if c := count("parley_delivery_seconds", ""); c < 1 {
		t.Errorf("delivery counted %v times, want at least the reply reaching the visitor", c)
	}
	if !strings.Contains(body, `parley_store_seconds_bucket{op="append_message",le="+Inf"} 1`) {
		t.Errorf("no +Inf bucket for append_message:\n%s", body)
	}
}

// TestParseProm: the checker itself refuses what Prometheus would.
func TestParseProm(t *testing.T) {
	good := "# HELP a_seconds x\n# TYPE a_seconds histogram\na_seconds_bucket{le=\"0.1\"} 1\na_seconds_bucket{le=\"+Inf\"} 2\na_seconds_sum 0.3\na_seconds_count 2\n# TYPE b gauge\nb{x=\"q\\\"\"} 1e+06\n"
	if _, err := parseProm(good); err != nil {
		t.Fatalf("good text refused: %v", err)
	}
	for name, bad := range map[string]string{
		"no TYPE":           "c 1\n",
		"bad value":         "# TYPE c gauge\nc one\n",
		"bad label":         "# TYPE c gauge\nc{1x=\"a\"} 1\n",
		"unquoted label":    "# TYPE c gauge\nc{x=a} 1\n",
		"twice TYPE":        "# TYPE c gauge\nc 1\n# TYPE c gauge\n",
		"split family":      "# TYPE c gauge\n# TYPE d gauge\nc 1\n",
		"falling buckets":   "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n",
		"no +Inf":           "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n",
		"+Inf is not count": "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 2\n",
	} {
		if _, err := parseProm(bad); err == nil {
			t.Errorf("%s: accepted %q", name, bad)
		}
	}
}
