//go:build !js

package conn

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/protocol"
)

func TestGapFill(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 2))
	p.message("c1", 5)
	h := p.historyReq()
	if h.Conv != "c1" || h.Before != 5 || h.Limit != 2 {
		t.Fatalf("history %+v", h)
	}
	p.message("c1", 6) // arrives while the gap is open
	p.write(&protocol.History{Type: protocol.TypeHistory, ID: h.ID, Conv: "c1", Messages: []protocol.Msg{msgAt(3), msgAt(4)}})
	p.message("c1", 4) // a late duplicate
	p.message("c1", 7)
	waitFor(t, "seq 7", func() bool { return len(c.rec.messages("c1")) >= 5 })
	time.Sleep(20 * time.Millisecond)
	if got := c.rec.messages("c1"); !slices.Equal(got, []int64{3, 4, 5, 6, 7}) {
		t.Fatalf("messages %v", got)
	}
}

func TestBackfillPages(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{Backfill: true})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 150))
	p.message("c1", 151) // live traffic beyond the backfill
	for _, page := range []struct{ before, limit, from int64 }{{101, 100, 1}, {151, 50, 101}} {
		h := p.historyReq()
		if h.Before != page.before || int64(h.Limit) != page.limit {
			t.Fatalf("history %+v, want before %d limit %d", h, page.before, page.limit)
		}
		var msgs []protocol.Msg
		for s := page.from; s < page.before; s++ {
			msgs = append(msgs, msgAt(s))
		}
		p.write(&protocol.History{Type: protocol.TypeHistory, ID: h.ID, Conv: "c1", Messages: msgs})
	}
	waitFor(t, "seq 151", func() bool { return len(c.rec.messages("c1")) >= 151 })
	got := c.rec.messages("c1")
	if len(got) != 151 || got[0] != 1 || !slices.IsSorted(got) || got[150] != 151 {
		t.Fatalf("got %d messages: %v...", len(got), got[:min(5, len(got))])
	}
}

func TestHistoryCall(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	if _, err := New(Config{}).History(context.Background(), "c1", 0, 10); !errors.Is(err, ErrOffline) {
		t.Fatalf("offline History: %v", err)
	}
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 9))
	waitFor(t, "online", func() bool { return c.State() == StateOnline })
	go func() {
		h := p.historyReq()
		if h.Before != 0 || h.Limit != protocol.MaxHistoryLimit {
			t.Errorf("history %+v", h)
		}
		p.write(&protocol.History{Type: protocol.TypeHistory, ID: h.ID, Conv: "c1", Messages: []protocol.Msg{msgAt(8), msgAt(9)}})
	}()
	msgs, err := c.History(context.Background(), "c1", 0, 500)
	if err != nil || len(msgs) != 2 || msgs[1].Seq != 9 {
		t.Fatalf("History = %v, %v", msgs, err)
	}
	if len(c.rec.events(EventMessage)) != 0 {
		t.Fatal("History fed the event stream")
	}
}

func TestEventsInOrder(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 0))
	for s := int64(1); s <= 200; s++ {
		p.message("c1", s)
	}
	p.write(&protocol.Typing{Type: protocol.TypeTyping, Conv: "c1", On: true})
	p.write(&protocol.Status{Type: protocol.TypeStatus, Conv: "c1", Status: protocol.StatusResolved})
	waitFor(t, "status", func() bool { return len(c.rec.events(EventStatus)) == 1 })
	if got := c.rec.messages("c1"); len(got) != 200 || !slices.IsSorted(got) {
		t.Fatalf("%d messages", len(got))
	}
	if len(c.rec.events(EventTyping)) != 1 {
		t.Fatal("no typing event")
	}
}
