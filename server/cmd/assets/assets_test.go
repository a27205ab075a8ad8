package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestMinifyAndCompressRoundTrip(t *testing.T) {
	src := []byte(`
		// a comment that must go
		(() => {
			const greeting = 'hello';
			window.addEventListener('load', () => console.log(greeting + ' world'));
		})();
	`)
	min, err := minifyJS(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(min) >= len(src) || bytes.Contains(min, []byte("comment")) {
		t.Fatalf("not minified: %q", min)
	}
	c, err := compress(min, brotliBest)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(c.gzip))
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]io.Reader{"gzip": zr, "brotli": brotli.NewReader(bytes.NewReader(c.brotli))} {
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, min) {
			t.Fatalf("%s decodes to %q, want %q", name, got, min)
		}
	}
}

func TestMinifyKeepsES2019(t *testing.T) {
	// Left to itself the minifier would write a ?? b, which is ES2020.
	min, err := minifyJS([]byte(`window.x = function (a, b) { return a !== null && a !== undefined ? a : b; };`))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(min, []byte("??")) || bytes.Contains(min, []byte("?.")) {
		t.Fatalf("ES2020 syntax in %q", min)
	}
}

func TestSourceHash(t *testing.T) {
	a := sourceHash([]byte("x"), jsRecipe)
	tests := []struct {
		name string
		h    string
		same bool
	}{
		{"same input and recipe", sourceHash([]byte("x"), jsRecipe), true},
		{"other input", sourceHash([]byte("y"), jsRecipe), false},
		{"other recipe", sourceHash([]byte("x"), wasmRecipe(11)), false},
		{"other brotli quality", sourceHash([]byte("x"), wasmRecipe(9)), false},
	}
	for _, tt := range tests {
		if (tt.h == a) != tt.same {
			t.Errorf("%s: equal = %v, want %v", tt.name, tt.h == a, tt.same)
		}
	}
	if got := contentHash([]byte("x")); len(got) != 12 {
		t.Errorf("contentHash = %q, want 12 hex digits", got)
	}
}

func TestUpToDate(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.js": "12345", "a.js.gz": "123", "a.js.br": "12"}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := entry{Hash: "h", Bytes: 5, GzipBytes: 3, BrotliBytes: 2, Source: "src"}
	tests := []struct {
		name   string
		e      entry
		source string
		file   string
		want   bool
	}{
		{"unchanged", good, "src", "a.js", true},
		{"source changed", good, "other", "a.js", false},
		{"old manifest without source", entry{Bytes: 5, GzipBytes: 3, BrotliBytes: 2}, "", "a.js", false},
		{"size differs", entry{Bytes: 6, GzipBytes: 3, BrotliBytes: 2, Source: "src"}, "src", "a.js", false},
		{"compressed size differs", entry{Bytes: 5, GzipBytes: 3, BrotliBytes: 9, Source: "src"}, "src", "a.js", false},
		{"files missing", good, "src", "b.js", false},
	}
	for _, tt := range tests {
		if got := upToDate(tt.e, tt.source, dir, tt.file); got != tt.want {
			t.Errorf("%s: upToDate = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWasmFlags(t *testing.T) {
	tests := []struct {
		in      string
		want    wasmTarget
		wantErr bool
	}{
		{"widget=./widget/cmd/visitor", wasmTarget{"widget", "./widget/cmd/visitor"}, false},
		{"console=./console", wasmTarget{"console", "./console"}, false},
		{"./widget/cmd/visitor", wasmTarget{}, true},
		{"=./pkg", wasmTarget{}, true},
		{"name=", wasmTarget{}, true},
		{"a/b=./pkg", wasmTarget{}, true},
	}
	for _, tt := range tests {
		var f wasmFlags
		err := f.Set(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("Set(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && (len(f) != 1 || f[0] != tt.want) {
			t.Errorf("Set(%q) = %v, want %v", tt.in, f, tt.want)
		}
	}
}

func TestReadManifest(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "manifest.json")
	m, err := readManifest(path)
	if err != nil || len(m) != 0 {
		t.Fatalf("missing manifest: %v, %v", m, err)
	}
	if err := os.WriteFile(path, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if m, err := readManifest(path); err != nil || len(m) != 0 {
		t.Fatalf("corrupt manifest: %v, %v", m, err)
	}
	want := manifest{"a.js": {Hash: "abc", Bytes: 1, GzipBytes: 2, BrotliBytes: 3, Source: "s"}}
	if err := want.write(path); err != nil {
		t.Fatal(err)
	}
	got, err := readManifest(path)
	if err != nil || got["a.js"] != want["a.js"] {
		t.Fatalf("round trip = %v, %v", got, err)
	}
}

// TestRunSkipsUnchanged builds twice: the second run rebuilds nothing, and
// an edit to the loader rebuilds only the loader.
func TestRunSkipsUnchanged(t *testing.T) {
	dir := t.TempDir()
	loader := filepath.Join(dir, "widget.js")
	if err := os.WriteFile(loader, []byte("window.a = 1 + 2;"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "app") // a package someone has only just started
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	static := filepath.Join(dir, "static")
	for name, body := range map[string]string{"widget.css": "a { color: red; }", "icons/parley.svg": "<svg/>"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(static, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(static, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := config{out: filepath.Join(dir, "dist"), loader: loader, static: static, wasmQuality: brotliBest,
		wasm: wasmFlags{{name: "widget", pkg: empty}, {name: "console", pkg: filepath.Join(dir, "missing")}}}

	var out bytes.Buffer
	if err := run(cfg, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.String(), "does not exist yet") != 2 {
		t.Errorf("missing wasm package not reported:\n%s", out.String())
	}
	first, err := readManifest(filepath.Join(cfg.out, "manifest.json"))
	if err != nil || len(first) != 4 {
		t.Fatalf("manifest after first run = %v, %v", first, err)
	}
	for _, name := range []string{"widget.js", "widget.js.gz", "widget.js.br", "wasm_exec.js", "wasm_exec.js.br"} {
		if _, err := os.Stat(filepath.Join(cfg.out, name)); err != nil {
			t.Error(err)
		}
	}

	out.Reset()
	if err := run(cfg, &out); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "unchanged"); n != 4 {
		t.Errorf("second run: %d unchanged, want 4:\n%s", n, out.String())
	}

	if err := os.WriteFile(loader, []byte("window.a = 3;"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(cfg, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(lines[0], "widget.js") || !strings.Contains(lines[0], "built") || !strings.Contains(lines[1], "unchanged") {
		t.Errorf("after an edit:\n%s", out.String())
	}
	third, _ := readManifest(filepath.Join(cfg.out, "manifest.json"))
	if third["widget.js"].Hash == first["widget.js"].Hash || third["wasm_exec.js"] != first["wasm_exec.js"] {
		t.Errorf("manifest after edit: %v, before: %v", third, first)
	}
}

// TestRunKeepsOtherApps: every stylesheet in the static folder is built,
// and a run that names only some WASM apps keeps the others' entries while
// their files are intact.
func TestRunKeepsOtherApps(t *testing.T) {
	dir := t.TempDir()
	loader := filepath.Join(dir, "widget.js")
	static := filepath.Join(dir, "static")
	out := filepath.Join(dir, "dist")
	for name, body := range map[string]string{loader: "window.a = 1;", filepath.Join(static, "widget.css"): "a { color: red; }",
		filepath.Join(static, "console.css"): "b { color: blue; }", filepath.Join(static, "icons/parley.svg"): "<svg/>",
		filepath.Join(out, "console.wasm"): "wasm", filepath.Join(out, "console.wasm.gz"): "gz", filepath.Join(out, "console.wasm.br"): "br"} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prev := manifest{
		"console.wasm": {Hash: "c0ffee", Bytes: 4, GzipBytes: 2, BrotliBytes: 2, Source: "s1"},
		"gone.wasm":    {Hash: "dead", Bytes: 4, GzipBytes: 2, BrotliBytes: 2, Source: "s2"}, // files deleted
	}
	if err := prev.write(filepath.Join(out, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	cfg := config{out: out, loader: loader, static: static, wasmQuality: brotliBest}
	if err := run(cfg, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, err := readManifest(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"widget.css", "console.css", "icon.svg", "console.wasm"} {
		if _, ok := got[name]; !ok {
			t.Errorf("manifest lacks %s: %v", name, got)
		}
	}
	if _, ok := got["gone.wasm"]; ok {
		t.Errorf("an app whose files are gone stays in the manifest: %v", got)
	}
}
