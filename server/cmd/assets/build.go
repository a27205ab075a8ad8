package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// config is what the flags say.
type config struct {
	out         string
	loader      string
	static      string // folder with the stylesheets (*.css) and icons/
	wasm        wasmFlags
	wasmQuality int
	force       bool
}

// wasmTarget is one -wasm name=./pkg flag.
type wasmTarget struct{ name, pkg string }

// wasmFlags collects the repeatable -wasm flag.
type wasmFlags []wasmTarget

func (f *wasmFlags) String() string {
	parts := make([]string, len(*f))
	for i, t := range *f {
		parts[i] = t.name + "=" + t.pkg
	}
	return strings.Join(parts, ",")
}

func (f *wasmFlags) Set(v string) error {
	name, pkg, ok := strings.Cut(v, "=")
	if !ok || name == "" || pkg == "" || strings.ContainsAny(name, `/\`) {
		return fmt.Errorf("want name=./pkg, got %q", v)
	}
	*f = append(*f, wasmTarget{name: name, pkg: pkg})
	return nil
}

// run builds every asset into cfg.out and rewrites its manifest.
func run(cfg config, stdout io.Writer) error {
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", cfg.out, err)
	}
	manifestPath := filepath.Join(cfg.out, "manifest.json")
	prev, err := readManifest(manifestPath)
	if err != nil {
		return err
	}
	if cfg.force {
		prev = manifest{}
	}
	b := builder{out: cfg.out, prev: prev, next: manifest{}, stdout: stdout}

	if err := b.js("widget.js", cfg.loader); err != nil {
		return err
	}
	execJS, err := wasmExecPath()
	if err != nil {
		return err
	}
	if err := b.js("wasm_exec.js", execJS); err != nil {
		return err
	}
	files, err := staticFiles(cfg.static)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := b.static(f.name, filepath.Join(cfg.static, f.src)); err != nil {
			return err
		}
	}
	for _, t := range cfg.wasm {
		if err := b.wasm(t, cfg.wasmQuality); err != nil {
			return err
		}
	}
	b.keepOtherApps()
	return b.next.write(manifestPath)
}

// staticFile is a stylesheet or icon: its asset name and its path under
// the static folder.
type staticFile struct{ name, src string }

// staticFiles lists the static folder's stylesheets (widget.css,
// console.css, …: every *.css at its top) and the icon.
func staticFiles(dir string) ([]staticFile, error) {
	css, err := filepath.Glob(filepath.Join(dir, "*.css"))
	if err != nil {
		return nil, fmt.Errorf("stylesheets: %w", err)
	}
	out := make([]staticFile, 0, len(css)+1)
	for _, p := range css { // Glob sorts, so the output order is stable
		out = append(out, staticFile{filepath.Base(p), filepath.Base(p)})
	}
	return append(out, staticFile{"icon.svg", "icons/parley.svg"}), nil
}

// keepOtherApps carries over the manifest entries of WASM apps this run
// did not name, while their files are intact: a run that builds only the
// widget (a test harness) must not unpublish the console built before.
func (b *builder) keepOtherApps() {
	for name, e := range b.prev {
		if _, built := b.next[name]; built || filepath.Ext(name) != ".wasm" {
			continue
		}
		if upToDate(e, e.Source, b.out, name) {
			b.next[name] = e
		}
	}
}

// builder builds assets into out, skipping those whose source hash matches
// the previous manifest.
type builder struct {
	out    string
	prev   manifest
	next   manifest
	stdout io.Writer
}

// js minifies and compresses one JavaScript file.
func (b *builder) js(name, src string) error {
	source, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return b.emit(name, sourceHash(source, jsRecipe), func() ([]byte, error) {
		return minifyJS(source)
	}, brotliBest)
}

// static minifies (CSS) or copies (anything else) one file and compresses it.
func (b *builder) static(name, src string) error {
	source, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	recipe, produce := "copy/1", func() ([]byte, error) { return source, nil }
	if filepath.Ext(name) == ".css" {
		recipe, produce = "css/1", func() ([]byte, error) { return minifyCSS(source) }
	}
	return b.emit(name, sourceHash(source, recipe), produce, brotliBest)
}

// wasmBuildFlags build the browser apps small. Without inlining outside the
// runtime, the widget's brotli size drops from 1.53 MB to 1.48 MB (its
// budget is 1.5 MB; go-app's own floor is 1.40 MB), at the cost of a
// larger uncompressed module; the runtime keeps inlining, where speed
// matters most. Measured with go 1.26 and go-app v10.1.11.
var wasmBuildFlags = []string{"build", "-trimpath", "-ldflags=-s -w", "-gcflags=all=-l", "-gcflags=runtime="}

// wasm builds one Go package for js/wasm and compresses the binary. go build
// decides whether anything needs compiling; the compression, which is the
// slow part, is skipped when the binary is byte-for-byte the same.
func (b *builder) wasm(t wasmTarget, quality int) error {
	name := t.name + ".wasm"
	// The apps are written alongside this tool: a package that is not there
	// yet is skipped, but one that fails to build fails the build.
	if files, _ := filepath.Glob(filepath.Join(t.pkg, "*.go")); len(files) == 0 {
		fmt.Fprintf(b.stdout, "%-14s skipped: %s does not exist yet (no Go files)\n", name, t.pkg)
		return nil
	}
	dst := filepath.Join(b.out, name)
	tmp := dst + ".tmp"
	cmd := exec.Command("go", append(wasmBuildFlags, "-o", tmp, t.pkg)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: go build %s: %w", name, t.pkg, err)
	}
	bin, err := os.ReadFile(tmp)
	os.Remove(tmp)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return b.emit(name, sourceHash(bin, wasmRecipe(quality)), func() ([]byte, error) {
		return bin, nil
	}, quality)
}

// emit writes name, name.gz and name.br from what produce returns, unless
// the previous build of the same source is still on disk.
func (b *builder) emit(name, source string, produce func() ([]byte, error), quality int) error {
	if e, ok := b.prev[name]; ok && upToDate(e, source, b.out, name) {
		b.next[name] = e
		fmt.Fprintf(b.stdout, "%s unchanged\n", e.summary(name))
		return nil
	}
	start := time.Now()
	data, err := produce()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	c, err := compress(data, quality)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// The encodings first: a server never pairs a new plain file with old
	// compressed ones, only briefly the other way round.
	path := filepath.Join(b.out, name)
	for _, f := range []struct {
		suffix string
		body   []byte
	}{{".gz", c.gzip}, {".br", c.brotli}, {"", data}} {
		if err := writeAtomic(path+f.suffix, f.body); err != nil {
			return err
		}
	}
	e := entry{Hash: contentHash(data), Bytes: len(data), GzipBytes: len(c.gzip), BrotliBytes: len(c.brotli), Source: source}
	b.next[name] = e
	fmt.Fprintf(b.stdout, "%s built in %s\n", e.summary(name), time.Since(start).Round(time.Millisecond))
	return nil
}

// wasmExecPath finds Go's wasm_exec.js: lib/wasm since Go 1.24, misc/wasm
// before.
func wasmExecPath() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	root := strings.TrimSpace(string(out))
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		path := filepath.Join(root, p)
		if _, err := os.Stat(path); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("wasm_exec.js not found under %s", root)
}
