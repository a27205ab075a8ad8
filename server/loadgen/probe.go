package loadgen

import (
	"context"
	"net/http"
	"time"
)

// probeEvery is how often a restart's probe asks the node's /healthz.
const probeEvery = 5 * time.Millisecond

// outage is what a probe saw of a restart: when the node first failed to
// answer and when it answered again afterwards. Either is zero when not
// seen (a restart faster than the probe, or a node that never came back).
type outage struct {
	down, up time.Time
}

// probeRestart asks healthz (a node's /healthz URL) every probeEvery, each
// time on a new connection, until it has failed once and then answered
// 200, or until ctx ends. Before the first failure the old node may still
// be answering; after it, an answer means the node accepts again.
func probeRestart(ctx context.Context, healthz string) outage {
	hc := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var o outage
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		// An answer's connection was accepted (by the kernel, for a
		// listening node) right after it began: that is the time kept.
		began := time.Now()
		ok := healthy(ctx, hc, healthz)
		switch {
		case !ok && o.down.IsZero():
			o.down = began
		case ok && !o.down.IsZero():
			o.up = began
			return o
		}
		select {
		case <-ctx.Done():
			return o
		case <-t.C:
		}
	}
}

func healthy(ctx context.Context, hc *http.Client, u string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false
	}
	resp, err := hc.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
