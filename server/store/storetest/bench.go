package storetest

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/parley-chat/parley/server/store"
)

// benchConv starts a conversation for a new visitor of site and returns
// both ids. It reports errors with b.Error (ids "" then), so it is safe in
// RunParallel goroutines.
func benchConv(b *testing.B, s store.Store, siteID string) (conv, visitor string) {
	ctx := context.Background()
	v, err := s.CreateVisitor(ctx, store.Visitor{SiteID: siteID, TokenHash: store.RandomString(8)})
	if err != nil {
		b.Error(err)
		return "", ""
	}
	c, _, err := s.StartConversation(ctx, siteID, v.ID, store.NewMessage{AuthorKind: "visitor",
		AuthorID: v.ID, CMID: "start", Body: "hi"})
	if err != nil {
		b.Error(err)
		return "", ""
	}
	return c.ID, v.ID
}

// BenchAppendMessage measures AppendMessage on s: one sender after
// another into one conversation, parallel senders each into their own
// (one per CPU), and 64 senders at once, as a busy node has them (where
// group commit shows).
// A backend's BenchmarkAppendMessage calls it with a fresh store.
func BenchAppendMessage(b *testing.B, s store.Store) {
	site, err := s.CreateSite(context.Background(), store.Site{Name: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("sequential", func(b *testing.B) {
		conv, _ := benchConv(b, s, site.ID)
		for i := 0; b.Loop(); i++ {
			appendOne(b, s, conv, fmt.Sprintf("seq-%d", i))
		}
	})
	b.Run("parallel", func(b *testing.B) {
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			conv, _ := benchConv(b, s, site.ID)
			for pb.Next() {
				appendOne(b, s, conv, fmt.Sprintf("par-%d", n.Add(1)))
			}
		})
	})
	b.Run("concurrent-64", func(b *testing.B) {
		var n atomic.Int64
		b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
		b.RunParallel(func(pb *testing.PB) {
			conv, _ := benchConv(b, s, site.ID)
			for pb.Next() {
				appendOne(b, s, conv, fmt.Sprintf("many-%d", n.Add(1)))
			}
		})
	})
	// New conversations at once, as when a campaign lands many visitors.
	b.Run("start-64", func(b *testing.B) {
		var n atomic.Int64
		b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
		b.RunParallel(func(pb *testing.PB) {
			_, visitor := benchConv(b, s, site.ID)
			for pb.Next() {
				m := store.NewMessage{AuthorKind: "visitor", AuthorID: visitor, CMID: fmt.Sprintf("start-%d", n.Add(1)), Body: "hi"}
				if _, _, err := s.StartConversation(context.Background(), site.ID, visitor, m); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	// The testing package calls a benchmark once for each b.N it tries:
	// the conversations are started the first time only.
	var spread []spreadConv
	b.Run("spread-64", func(b *testing.B) {
		if spread == nil {
			spread = startSpread(b, s, site.ID)
		}
		benchSpread(b, s, spread)
	})
}

func appendOne(b *testing.B, s store.Store, conv, cmid string) {
	_, err := s.AppendMessage(context.Background(), store.NewMessage{ConvID: conv,
		AuthorKind: "agent", AuthorID: "a1", CMID: cmid, Body: "benchmark message body"})
	if err != nil {
		b.Error(err)
	}
}
