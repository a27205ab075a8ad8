package ws

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/sqlite"
)

func TestSiteCache(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	site, err := st.CreateSite(ctx, store.Site{Name: "Shop"})
	if err != nil {
		t.Fatal(err)
	}
	var c siteCache
	if _, err := c.byKey(ctx, st, "no-such-key"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown key: %v, want ErrNotFound", err)
	}
	got, err := c.byKey(ctx, st, site.Key)
	if err != nil || got.ID != site.ID {
		t.Fatalf("byKey = %v, %v", got.ID, err)
	}
	_ = st.Close() // a cached site needs no store
	if got, err := c.byKey(ctx, st, site.Key); err != nil || got.ID != site.ID {
		t.Fatalf("cached byKey = %v, %v", got.ID, err)
	}
	c.m[site.Key] = cachedSite{site: got} // expired
	if _, err := c.byKey(ctx, st, site.Key); err == nil {
		t.Fatal("an expired entry was served without asking the store")
	}
}
