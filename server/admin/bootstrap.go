package admin

import (
	"context"
	"fmt"

	"github.com/parley-chat/parley/server/store"
)

// Demo is what Bootstrap created on a first start.
type Demo struct {
	Site          store.Site
	OwnerEmail    string
	OwnerPassword string
	Token         string
}

// Bootstrap creates a demo site, an owner account and an API token when the
// installation has no agents yet, so a newcomer can try Parley at once. It
// reports false when there was nothing to do.
func Bootstrap(ctx context.Context, s store.Store, origins []string) (Demo, bool, error) {
	agents, err := s.ListAgents(ctx)
	if err != nil {
		return Demo{}, false, fmt.Errorf("admin: bootstrap: %w", err)
	}
	if len(agents) > 0 {
		return Demo{}, false, nil
	}
	site, err := CreateSite(ctx, s, "Demo shop", origins)
	if err != nil {
		return Demo{}, false, err
	}
	const email = "owner@parley.localhost"
	_, password, err := AddAgent(ctx, s, email, "Owner", store.RoleOwner)
	if err != nil {
		return Demo{}, false, err
	}
	token, err := AddToken(ctx, s, email, "demo")
	if err != nil {
		return Demo{}, false, err
	}
	return Demo{Site: site, OwnerEmail: email, OwnerPassword: password, Token: token}, true, nil
}
