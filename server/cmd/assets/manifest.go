package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Recipes are mixed into the source hash so that changing how an asset is
// made (minifier settings, brotli quality) rebuilds it. Bump jsRecipe when
// minifyJS or compress change.
const jsRecipe = "js/1"

func wasmRecipe(quality int) string { return "wasm/2/br" + strconv.Itoa(quality) }

// entry describes one built asset in manifest.json.
type entry struct {
	Hash        string `json:"hash"` // first 12 hex digits of the sha256 of the uncompressed asset
	Bytes       int    `json:"bytes"`
	GzipBytes   int    `json:"gzip_bytes"`
	BrotliBytes int    `json:"brotli_bytes"`
	Source      string `json:"source"` // sha256 of the input and recipe, to skip unchanged rebuilds
}

func (e entry) summary(name string) string {
	return fmt.Sprintf("%-14s %9d raw %9d gzip %9d brotli", name, e.Bytes, e.GzipBytes, e.BrotliBytes)
}

// manifest maps an asset's file name to its entry.
type manifest map[string]entry

// readManifest reads path; a missing or unreadable-as-JSON manifest is an
// empty one, since it only ever saves work.
func readManifest(path string) (manifest, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return manifest{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	m := manifest{}
	if json.Unmarshal(data, &m) != nil {
		return manifest{}, nil
	}
	return m, nil
}

// write saves m to path, leaving an identical file alone so that a server
// watching its modification time does not reload for nothing.
func (m manifest) write(path string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	data = append(data, '\n')
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return writeAtomic(path, data)
}

// contentHash is the short version hash of an asset's bytes.
func contentHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:12]
}

// sourceHash identifies an asset's input together with how it is built.
func sourceHash(src []byte, recipe string) string {
	h := sha256.New()
	h.Write([]byte(recipe))
	h.Write([]byte{0})
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}

// upToDate reports whether e was built from source and its three files are
// still in dir with the sizes it recorded.
func upToDate(e entry, source, dir, name string) bool {
	if e.Source == "" || e.Source != source {
		return false
	}
	for suffix, n := range map[string]int{"": e.Bytes, ".gz": e.GzipBytes, ".br": e.BrotliBytes} {
		fi, err := os.Stat(filepath.Join(dir, name+suffix))
		if err != nil || fi.Size() != int64(n) {
			return false
		}
	}
	return true
}
