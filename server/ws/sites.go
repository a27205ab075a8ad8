package ws

import (
	"context"
	"sync"
	"time"

	"github.com/parley-chat/parley/server/store"
)

// siteTTL is how long a hello trusts a site it looked up. Thousands of
// widgets redial at once when a node restarts, and each hello names its
// site; a site owner's change (origins, colours) reaches new hellos within
// this time.
const siteTTL = 2 * time.Second

// maxCachedSites bounds siteCache; when full it starts again empty.
const maxCachedSites = 4096

// siteCache remembers sites by key for siteTTL. Unknown keys are not
// remembered, so a site created a moment ago is found at once.
type siteCache struct {
	mu sync.Mutex
	m  map[string]cachedSite
}

type cachedSite struct {
	site    store.Site
	expires time.Time
}

// byKey returns the site with the key, from the cache or st.
func (c *siteCache) byKey(ctx context.Context, st store.Store, key string) (store.Site, error) {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.site, nil
	}
	site, err := st.SiteByKey(ctx, key)
	if err != nil {
		return site, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedSites {
		c.m = make(map[string]cachedSite)
	}
	c.m[key] = cachedSite{site: site, expires: now.Add(siteTTL)}
	return site, nil
}
