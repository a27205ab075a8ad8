package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// brotliBest is brotli's highest quality, used for every asset unless
// -wasm-brotli says less. Measured on a go-app v10 hello world (6.9 MB of
// WASM): quality 11 gives 1.40 MB in about 17 s, quality 9 1.59 MB in 1.3 s,
// which would not fit the widget's 1.5 MB budget.
const brotliBest = 11

// minifyJS minifies JavaScript without emitting syntax newer than ES2019,
// the loader's target.
func minifyJS(src []byte) ([]byte, error) {
	m := minify.New()
	m.Add("text/javascript", &js.Minifier{Version: 2019})
	out, err := m.Bytes("text/javascript", src)
	if err != nil {
		return nil, fmt.Errorf("minify: %w", err)
	}
	return out, nil
}

// minifyCSS minifies a stylesheet.
func minifyCSS(src []byte) ([]byte, error) {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	out, err := m.Bytes("text/css", src)
	if err != nil {
		return nil, fmt.Errorf("minify css: %w", err)
	}
	return out, nil
}

// compressed holds the two encodings the server picks between by
// Accept-Encoding.
type compressed struct{ gzip, brotli []byte }

// compress encodes data with gzip (best) and brotli (quality) in parallel.
func compress(data []byte, quality int) (compressed, error) {
	var c compressed
	var gzErr, brErr error
	var wg sync.WaitGroup
	wg.Go(func() { c.gzip, gzErr = gzipBytes(data) })
	wg.Go(func() { c.brotli, brErr = brotliBytes(data, quality) })
	wg.Wait()
	if gzErr != nil {
		return c, fmt.Errorf("gzip: %w", gzErr)
	}
	if brErr != nil {
		return c, fmt.Errorf("brotli: %w", brErr)
	}
	return c, nil
}

func gzipBytes(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func brotliBytes(data []byte, quality int) ([]byte, error) {
	var buf bytes.Buffer
	// A 16 MB window (the format's largest) lets a multi-megabyte WASM
	// binary refer back across its whole length.
	bw := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: quality, LGWin: 24})
	if _, err := bw.Write(data); err != nil {
		return nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeAtomic replaces path with data through a rename, so a server reading
// the directory never sees a half-written file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
