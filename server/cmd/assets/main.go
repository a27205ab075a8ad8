// Command assets builds the browser assets the server serves: the minified
// loader (static/widget.js), Go's wasm_exec.js, the stylesheets
// (static/*.css), the icon and the WASM apps, each with
// precompressed .br and .gz siblings and a manifest.json of content hashes.
//
//	go run ./server/cmd/assets -out static/dist -wasm widget=./widget/cmd/visitor -wasm console=./widget/cmd/console
//
// It is run from the module root and rebuilds only what changed.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	cfg := config{}
	flag.StringVar(&cfg.out, "out", "static/dist", "output directory")
	flag.StringVar(&cfg.loader, "loader", "static/widget.js", "the loader's source")
	flag.StringVar(&cfg.static, "static", "static", "the folder holding the stylesheets (*.css) and icons/")
	flag.Var(&cfg.wasm, "wasm", "a WASM app to build, `name=./pkg` (repeatable)")
	flag.IntVar(&cfg.wasmQuality, "wasm-brotli", 11, "brotli quality (0-11) for .wasm files")
	flag.BoolVar(&cfg.force, "force", false, "rebuild everything, even what is unchanged")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "assets: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	if err := run(cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "assets:", err)
		os.Exit(1)
	}
}
