package storetest

import (
	"testing"

	"github.com/parley-chat/parley/server/store"
)

func visitorContextTests() []test {
	return []test{
		{"visitor/user agent and time zone", testVisitorContext},
	}
}

// testVisitorContext checks that the user agent and time zone are kept on
// create and replaced on update.
func testVisitorContext(t *testing.T, s store.Store) {
	ctx := t.Context()
	site := mustSite(t, s)
	v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: "ctx1",
		UserAgent: "Mozilla/5.0 Firefox/128.0", Timezone: "Europe/Paris"})
	must(t, err)
	equal(t, "created user agent", v.UserAgent, "Mozilla/5.0 Firefox/128.0")
	equal(t, "created time zone", v.Timezone, "Europe/Paris")
	v.UserAgent, v.Timezone = "Mozilla/5.0 Chrome/156.0.0.0 Safari/537.36", "Asia/Shanghai"
	_, err = s.UpdateVisitor(ctx, v)
	must(t, err)
	got, err := s.VisitorByID(ctx, v.ID)
	must(t, err)
	equal(t, "updated user agent", got.UserAgent, v.UserAgent)
	equal(t, "updated time zone", got.Timezone, "Asia/Shanghai")
}
