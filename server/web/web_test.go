package web_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/servertest"
)

// fakeAssets writes a tiny build: the loader in three encodings.
func fakeAssets(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"widget.js": "plain", "widget.js.br": "brotli", "widget.js.gz": "gzip",
		"manifest.json": `{"widget.js":{"hash":"abc123","bytes":5}}`}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultTransport.RoundTrip(req) // no transparent gzip
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestLoaderEncodings(t *testing.T) {
	n := servertest.Start(t, servertest.Options{Configure: func(c *config.Config) { c.AssetsDir = fakeAssets(t) }})
	tests := []struct{ accept, body, encoding string }{
		{"gzip, deflate, br", "brotli", "br"},
		{"gzip", "gzip", "gzip"},
		{"br;q=0, gzip", "gzip", "gzip"},
		{"", "plain", ""},
	}
	for _, tt := range tests {
		resp, body := get(t, n.URL+"/widget.js", map[string]string{"Accept-Encoding": tt.accept})
		if body != tt.body || resp.Header.Get("Content-Encoding") != tt.encoding {
			t.Errorf("Accept-Encoding %q: got %q encoded %q", tt.accept, body, resp.Header.Get("Content-Encoding"))
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("headers %v", resp.Header)
		}
	}
}

func TestLauncherConfigAndWidgetPage(t *testing.T) {
	n := servertest.Start(t, servertest.Options{Configure: func(c *config.Config) { c.AssetsDir = fakeAssets(t) }})
	site, err := admin.CreateSite(context.Background(), n.Server.Store, "Shop", []string{"https://shop.example"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, origin string
		status             int
		want               string
	}{
		{"allowed origin", "/w/" + site.Key + "/config.json", "https://shop.example", 200, `"site_name":"Shop"`},
		{"foreign origin", "/w/" + site.Key + "/config.json", "https://evil.example", 403, `"forbidden"`},
		{"no origin", "/w/" + site.Key + "/config.json", "", 403, `"forbidden"`},
		{"unknown site", "/w/pk_nope/config.json", "https://shop.example", 404, `"not_found"`},
		{"page for a foreign origin", "/w/" + site.Key + "?o=https://evil.example", "", 403, "may not embed"},
		{"page for an unknown site", "/w/pk_nope", "", 404, "unknown site"},
		{"robots", "/robots.txt", "", 200, "Disallow: /w/"},
		{"sitemap", "/sitemap.xml", "", 200, "<urlset"},
		{"ads", "/ads.txt", "", 200, "no advertising"},
		{"go-app's robots under /w", "/w/robots.txt", "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, n.URL+tt.path, map[string]string{"Origin": tt.origin})
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("HTTP %d %q, want %d containing %q", resp.StatusCode, body, tt.status, tt.want)
			}
			if strings.HasSuffix(tt.path, "config.json") && tt.origin != "" && resp.Header.Get("Access-Control-Allow-Origin") != tt.origin {
				t.Fatalf("the loader must be able to read the answer: ACAO %q", resp.Header.Get("Access-Control-Allow-Origin"))
			}
		})
	}
}

// TestWidgetPageCSP: an allowed embed gets the app page (503 while the app
// is not built) with frame-ancestors naming only the site's origins and no
// service worker.
func TestWidgetPageCSP(t *testing.T) {
	n := servertest.Start(t, servertest.Options{Configure: func(c *config.Config) { c.AssetsDir = fakeAssets(t) }})
	site, err := admin.CreateSite(context.Background(), n.Server.Store, "Shop", []string{"https://shop.example", "https://www.shop.example"})
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := get(t, n.URL+"/w/"+site.Key+"?o=https://shop.example", nil)
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors https://shop.example https://www.shop.example") || !strings.Contains(csp, "worker-src 'none'") {
		t.Fatalf("CSP %q", csp)
	}
}
