package sqlite

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/store"
)

// TestCheckpointer: committed pages reach the database file well before
// the writer's own automatic checkpoint (40,000 pages) would copy them.
func TestCheckpointer(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	site, err := s.CreateSite(ctx, store.Site{Name: "ckpt"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := s.StartConversation(ctx, site.ID, v.ID, store.NewMessage{AuthorKind: "visitor", AuthorID: v.ID, CMID: "c0", Body: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	before := fileSize(t, path)
	for i := range 500 {
		if _, err := s.AppendMessage(ctx, store.NewMessage{ConvID: c.ID, AuthorKind: "agent", AuthorID: "a",
			CMID: "m" + strconv.Itoa(i), Body: "a message long enough to fill pages of the database file"}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(20 * checkpointEvery)
	for fileSize(t, path) <= before {
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes %v after the appends: nothing checkpointed", before, 20*checkpointEvery)
		}
		time.Sleep(checkpointEvery / 5)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
