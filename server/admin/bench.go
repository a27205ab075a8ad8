package admin

import (
	"context"
	"fmt"

	"github.com/parley-chat/parley/server/store"
)

// BenchAccount provisions what one load-generator run needs in st: a site
// that allows https://bench.invalid, an owner agent and an API token for it.
// Each call makes new ones, so runs do not share conversations.
func BenchAccount(ctx context.Context, st store.Store) (siteKey, token string, err error) {
	tag := store.RandomString(8)
	site, err := CreateSite(ctx, st, "parley bench "+tag, []string{"https://bench.invalid"})
	if err != nil {
		return "", "", fmt.Errorf("bench setup: %w", err)
	}
	email := "bench-" + tag + "@bench.invalid"
	if _, _, err := AddAgent(ctx, st, email, "Bench "+tag, store.RoleOwner); err != nil {
		return "", "", fmt.Errorf("bench setup: %w", err)
	}
	token, err = AddToken(ctx, st, email, "bench")
	if err != nil {
		return "", "", fmt.Errorf("bench setup: %w", err)
	}
	return site.Key, token, nil
}
