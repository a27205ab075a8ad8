package web

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Asset is one built file as described in the build manifest.
type Asset struct {
	Hash        string `json:"hash"`
	Bytes       int64  `json:"bytes"`
	GzipBytes   int64  `json:"gzip_bytes"`
	BrotliBytes int64  `json:"brotli_bytes"`
}

// Assets serves the files `go run ./server/cmd/assets` builds: each with
// precompressed .br and .gz siblings chosen by Accept-Encoding.
type Assets struct {
	dir string

	mu       sync.Mutex
	manifest map[string]Asset
	loaded   time.Time
}

// NewAssets serves the built assets in dir.
func NewAssets(dir string) *Assets { return &Assets{dir: dir} }

// Manifest returns the build manifest, re-read when the file changes so a
// rebuild is picked up without a restart.
func (a *Assets) Manifest() map[string]Asset {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := filepath.Join(a.dir, "manifest.json")
	fi, err := os.Stat(p)
	if err != nil {
		return map[string]Asset{}
	}
	if a.manifest != nil && !fi.ModTime().After(a.loaded) {
		return a.manifest
	}
	b, err := os.ReadFile(p)
	m := map[string]Asset{}
	if err == nil && json.Unmarshal(b, &m) == nil {
		a.manifest, a.loaded = m, fi.ModTime()
	}
	return m
}

// Version returns the content hash of an asset, "" when it is not built.
func (a *Assets) Version(name string) string { return a.Manifest()[name].Hash }

// Serve writes the asset name with the best encoding the client accepts.
func (a *Assets) Serve(w http.ResponseWriter, r *http.Request, name, cacheControl string) {
	clean := path.Clean("/" + name)[1:]
	if clean == "" || strings.Contains(clean, "..") {
		http.NotFound(w, r)
		return
	}
	file, encoding := a.pick(clean, r.Header.Get("Accept-Encoding"))
	f, err := os.Open(filepath.Join(a.dir, filepath.FromSlash(file)))
	if err != nil {
		http.Error(w, fmt.Sprintf("%s is not built: run `make assets`", clean), http.StatusNotFound)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	if ct := mime.TypeByExtension(path.Ext(clean)); ct != "" {
		h.Set("Content-Type", ct)
	}
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
	}
	h.Add("Vary", "Accept-Encoding")
	h.Set("Cache-Control", cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	if v := a.Version(clean); v != "" {
		h.Set("ETag", `"`+v+encoding+`"`)
	}
	http.ServeContent(w, r, "", fi.ModTime(), f)
}

// pick returns the file to send and its Content-Encoding.
func (a *Assets) pick(name, accept string) (string, string) {
	for _, enc := range []struct{ token, ext, name string }{{"br", ".br", "br"}, {"gzip", ".gz", "gzip"}} {
		if acceptsEncoding(accept, enc.token) {
			if _, err := os.Stat(filepath.Join(a.dir, filepath.FromSlash(name+enc.ext))); err == nil {
				return name + enc.ext, enc.name
			}
		}
	}
	return name, ""
}

func acceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), token) {
			continue
		}
		for _, p := range fields[1:] {
			if q := strings.TrimSpace(p); q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
				return false
			}
		}
		return true
	}
	return false
}
