package storetest

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

func visitorTests() []test {
	return []test{
		{"visitor/create and get", testVisitorCreate},
		{"visitor/token is per site", testVisitorTokenPerSite},
		{"visitor/update", testVisitorUpdate},
		{"visitor/unknown", testVisitorUnknown},
	}
}

func testVisitorCreate(t *testing.T, s store.Store) {
	ctx := t.Context()
	site := mustSite(t, s)
	v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: "th1", Locale: "fr",
		Page: store.Page{URL: "https://shop.example/cart", Title: "Cart"}})
	must(t, err)
	if v.ID == "" || v.CreatedAt.IsZero() || v.LastSeenAt.IsZero() {
		t.Fatalf("CreateVisitor did not fill ID and times: %+v", v)
	}
	byID, err := s.VisitorByID(ctx, v.ID)
	must(t, err)
	equal(t, "VisitorByID", byID, v)
	byToken, err := s.VisitorByToken(ctx, site.ID, "th1")
	must(t, err)
	equal(t, "VisitorByToken", byToken, v)
	equal(t, "page", byToken.Page, store.Page{URL: "https://shop.example/cart", Title: "Cart"})
}

func testVisitorTokenPerSite(t *testing.T, s store.Store) {
	ctx := t.Context()
	a, b := mustSite(t, s), mustSite(t, s)
	_, err := s.CreateVisitor(ctx, store.Visitor{SiteID: a.ID, TokenHash: "shared"})
	must(t, err)
	_, err = s.CreateVisitor(ctx, store.Visitor{SiteID: b.ID, TokenHash: "shared"})
	must(t, err)
	_, err = s.CreateVisitor(ctx, store.Visitor{SiteID: a.ID, TokenHash: "shared"})
	wantIs(t, err, store.ErrConflict)
	_, err = s.VisitorByToken(ctx, mustSite(t, s).ID, "shared")
	wantIs(t, err, store.ErrNotFound)
}

func testVisitorUpdate(t *testing.T, s store.Store) {
	ctx := t.Context()
	v := mustVisitor(t, s, mustSite(t, s).ID)
	want := v
	want.Name, want.Email, want.UserID, want.Verified = "Dee", "dee@example.com", "u-42", true
	want.Page = store.Page{URL: "https://shop.example/checkout", Title: "Checkout", Referrer: "https://search.example"}
	want.Locale = "pt-BR"
	want.Attributes = map[string]string{"plan": "pro", "cart": "3 items"}
	want.LastSeenAt = v.LastSeenAt.Add(time.Minute)
	want.TokenHash = "ignored" // not changed by UpdateVisitor
	got, err := s.UpdateVisitor(ctx, want)
	must(t, err)
	want.TokenHash = v.TokenHash
	equal(t, "updated visitor", got, want)
	reread, err := s.VisitorByID(ctx, v.ID)
	must(t, err)
	equal(t, "reread visitor", reread, want)
}

func testVisitorUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.VisitorByID(ctx, "v_missing")
	wantIs(t, err, store.ErrNotFound)
	_, err = s.UpdateVisitor(ctx, store.Visitor{ID: "v_missing"})
	wantIs(t, err, store.ErrNotFound)
	_, err = s.CreateVisitor(ctx, store.Visitor{SiteID: "s_missing", TokenHash: "t"})
	wantIs(t, err, store.ErrNotFound)
}
