package loadgen

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// node is one server the generator talks to.
type node struct {
	ws   string // ws://host:port, for /ws/visitor and /ws/agent
	http string // http://host:port, for /metrics and REST v1
}

// parseNode accepts a ws(s):// or http(s):// base URL.
func parseNode(raw string) (node, error) {
	u, err := url.Parse(strings.TrimSuffix(strings.TrimSpace(raw), "/"))
	if err != nil || u.Host == "" {
		return node{}, fmt.Errorf("loadgen: node URL %q: want ws://host:port", raw)
	}
	pairs := map[string][2]string{"ws": {"ws", "http"}, "http": {"ws", "http"}, "wss": {"wss", "https"}, "https": {"wss", "https"}}
	p, ok := pairs[u.Scheme]
	if !ok {
		return node{}, fmt.Errorf("loadgen: node URL %q: scheme must be ws, wss, http or https", raw)
	}
	rest := u.Host + u.Path
	return node{ws: p[0] + "://" + rest, http: p[1] + "://" + rest}, nil
}

// SplitURL turns a node's ws(s):// or http(s):// base URL into the base
// URLs of its WebSockets and of its HTTP endpoints.
func SplitURL(raw string) (ws, http string, err error) {
	n, err := parseNode(raw)
	return n.ws, n.http, err
}

// Memory is what a node's /metrics says about its process.
type Memory struct {
	RSS, Heap, Sockets float64
}

func (n node) scrape(ctx context.Context, hc *http.Client) (Memory, error) {
	return Scrape(ctx, hc, n.http)
}

// Scrape reads /metrics of the node whose HTTP base URL is base, after
// asking it to collect garbage first (see procstat.CollectIfAsked): its
// resident and live heap bytes and open sockets. A node without the
// process gauges reports zeros for them.
func Scrape(ctx context.Context, hc *http.Client, base string) (Memory, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics?gc=1", nil)
	if err != nil {
		return Memory{}, fmt.Errorf("loadgen: metrics of %s: %w", base, err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return Memory{}, fmt.Errorf("loadgen: metrics of %s: %w", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Memory{}, fmt.Errorf("loadgen: metrics of %s: HTTP %d", base, resp.StatusCode)
	}
	var m Memory
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			continue
		}
		switch name {
		case "parley_process_resident_bytes":
			m.RSS = v
		case "parley_go_heap_bytes":
			m.Heap = v
		case "parley_sockets_open":
			m.Sockets = v
		}
	}
	if err := sc.Err(); err != nil {
		return Memory{}, fmt.Errorf("loadgen: metrics of %s: %w", base, err)
	}
	return m, nil
}

// seqs reads the seqs the store holds for conv over REST v1, page by page.
func (n node) seqs(ctx context.Context, hc *http.Client, token, conv string) ([]int64, error) {
	var out []int64
	for {
		var after int64
		if len(out) > 0 {
			after = out[len(out)-1]
		}
		page, err := n.page(ctx, hc, token, conv, after)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < 1000 {
			return out, nil
		}
	}
}

func (n node) page(ctx context.Context, hc *http.Client, token, conv string, after int64) ([]int64, error) {
	u := fmt.Sprintf("%s/api/v1/conversations/%s/messages?limit=1000&after=%d", n.http, url.PathEscape(conv), after)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("loadgen: read %s: %w", conv, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("loadgen: read %s: %w", conv, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("loadgen: read %s: HTTP %d", conv, resp.StatusCode)
	}
	var body struct {
		Messages []struct {
			Seq int64 `json:"seq"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("loadgen: read %s: %w", conv, err)
	}
	seqs := make([]int64, len(body.Messages))
	for i, m := range body.Messages {
		seqs[i] = m.Seq
	}
	return seqs, nil
}
