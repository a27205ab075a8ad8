package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/servertest"
)

// TestConsolePage: /console redirects to /console/, whose page may not be
// framed by anyone and installs no service worker; crawler files under it
// are not proxied by go-app.
func TestConsolePage(t *testing.T) {
	n := servertest.Start(t, servertest.Options{Configure: func(c *config.Config) { c.AssetsDir = fakeAssets(t) }})
	resp, _ := get(t, n.URL+"/console", nil)
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/console/" {
		t.Fatalf("/console: HTTP %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := get(t, n.URL+"/console/", nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "make assets") {
		t.Fatalf("/console/ before the app is built: HTTP %d %q", resp.StatusCode, body)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"frame-ancestors 'none'", "worker-src 'none'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("X-Frame-Options %q", resp.Header.Get("X-Frame-Options"))
	}
	if resp, _ := get(t, n.URL+"/console/robots.txt", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/console/robots.txt: HTTP %d, want 404", resp.StatusCode)
	}
}
