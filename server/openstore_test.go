package server_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server"
	"github.com/parley-chat/parley/server/internal/testenv"
)

// TestOpenStore opens each kind of database URL and rejects others.
func TestOpenStore(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		openAndPing(t, "sqlite:"+filepath.Join(t.TempDir(), "p.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		pg := testenv.PostgresSchema(t)
		openAndPing(t, pg)
		openAndPing(t, "postgresql://"+strings.TrimPrefix(pg, "postgres://"))
	})
	for _, url := range []string{"", "mysql://x", "/tmp/p.db"} {
		if st, err := server.OpenStore(t.Context(), url); err == nil {
			_ = st.Close()
			t.Errorf("OpenStore(%q) succeeded", url)
		}
	}
}

func openAndPing(t *testing.T, url string) {
	t.Helper()
	st, err := server.OpenStore(t.Context(), url)
	if err != nil {
		t.Fatalf("OpenStore(%s): %v", url, err)
	}
	if err := st.Ping(t.Context()); err != nil {
		t.Errorf("Ping(%s): %v", url, err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("Close(%s): %v", url, err)
	}
}
