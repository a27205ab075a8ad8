package storetest

import (
	"testing"

	"github.com/parley-chat/parley/server/store"
)

func siteTests() []test {
	return []test{
		{"site/create and get", testSiteCreate},
		{"site/list", testSiteList},
		{"site/update", testSiteUpdate},
		{"site/duplicate key", testSiteDuplicateKey},
		{"site/unknown", testSiteUnknown},
	}
}

func testSiteCreate(t *testing.T, s store.Store) {
	ctx := t.Context()
	in := store.Site{Name: "Shop", Origins: []string{"https://shop.example", "https://www.shop.example"},
		IdentitySecret: "secret", Widget: store.WidgetSettings{Color: "#0a84ff", Position: "left",
			Greeting: "Hi!", LauncherText: "Chat", Locale: "de", PreChatForm: true}}
	site, err := s.CreateSite(ctx, in)
	must(t, err)
	if site.ID == "" || site.Key == "" || site.CreatedAt.IsZero() {
		t.Fatalf("CreateSite did not fill ID, Key and CreatedAt: %+v", site)
	}
	equal(t, "origins", site.Origins, in.Origins)
	equal(t, "widget", site.Widget, in.Widget)
	byID, err := s.SiteByID(ctx, site.ID)
	must(t, err)
	equal(t, "SiteByID", byID, site)
	byKey, err := s.SiteByKey(ctx, site.Key)
	must(t, err)
	equal(t, "SiteByKey", byKey, site)
}

func testSiteList(t *testing.T, s store.Store) {
	want := map[string]bool{}
	for range 3 {
		want[mustSite(t, s).ID] = true
	}
	sites, err := s.ListSites(t.Context())
	must(t, err)
	got := map[string]bool{}
	for _, site := range sites {
		got[site.ID] = true
	}
	equal(t, "listed site ids", got, want)
}

func testSiteUpdate(t *testing.T, s store.Store) {
	ctx := t.Context()
	site := mustSite(t, s)
	site.Name = "Renamed"
	site.Origins = []string{"https://new.example"}
	site.Widget.Greeting = "Welcome"
	site.Widget.PreChatForm = true
	updated, err := s.UpdateSite(ctx, site)
	must(t, err)
	equal(t, "updated site", updated, site)
	got, err := s.SiteByID(ctx, site.ID)
	must(t, err)
	equal(t, "reread site", got, site)
}

func testSiteDuplicateKey(t *testing.T, s store.Store) {
	ctx := t.Context()
	first, err := s.CreateSite(ctx, store.Site{Name: "A", Key: "samekey"})
	must(t, err)
	equal(t, "key", first.Key, "samekey")
	_, err = s.CreateSite(ctx, store.Site{Name: "B", Key: "samekey"})
	wantIs(t, err, store.ErrConflict)
	other := mustSite(t, s)
	other.Key = "samekey"
	_, err = s.UpdateSite(ctx, other)
	wantIs(t, err, store.ErrConflict)
}

func testSiteUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.SiteByID(ctx, "s_missing")
	wantIs(t, err, store.ErrNotFound)
	_, err = s.SiteByKey(ctx, "missing")
	wantIs(t, err, store.ErrNotFound)
	_, err = s.UpdateSite(ctx, store.Site{ID: "s_missing", Key: "k", Name: "x"})
	wantIs(t, err, store.ErrNotFound)
	sites, err := s.ListSites(ctx)
	must(t, err)
	equal(t, "sites in empty store", len(sites), 0)
}
