package web

import "net/http"

// The go-app handler would proxy these paths to the host named by the
// request's Host header (design §6), so Parley answers them itself.

func robots(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("User-agent: *\nDisallow: /w/\nDisallow: /console/\nDisallow: /api/\nDisallow: /ws/\n"))
}

func sitemap(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>` + "\n"))
}

func adsTxt(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("# Parley is a chat server and sells no advertising.\n"))
}
