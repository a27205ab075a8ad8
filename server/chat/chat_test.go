package chat_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/parley-chat/parley/server/bus/memory"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/sqlite"
)

type events struct {
	mu  sync.Mutex
	got []hub.Event
}

func (e *events) Deliver(_ string, ev hub.Event) {
	e.mu.Lock()
	e.got = append(e.got, ev)
	e.mu.Unlock()
}
func (e *events) Resync()    {}
func (e *events) count() int { e.mu.Lock(); defer e.mu.Unlock(); return len(e.got) }

type fixture struct {
	svc      *chat.Service
	st       store.Store
	visitors [2]store.Visitor
	agents   *events
	hub      *hub.Hub
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := hub.New(memory.New(), log)
	f := fixture{st: st, agents: &events{}, hub: h, svc: chat.New(st, h, log, chat.NewPresence(60))}
	if err := h.Subscribe(ctx, f.agents, chat.AgentsTopic); err != nil {
		t.Fatal(err)
	}
	site, err := st.CreateSite(ctx, store.Site{Name: "S"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range f.visitors {
		if f.visitors[i], err = st.CreateVisitor(ctx, store.Visitor{SiteID: site.ID, TokenHash: store.NewID("h")}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// TestPersistAckPublish: the sender's ack runs after the message is stored
// and before anyone else is told.
func TestPersistAckPublish(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var seenAtAck = -1
	m, err := f.svc.VisitorSend(ctx, f.visitors[0], "", "c1", "hello", "sock", func(m store.Message) {
		if _, err := f.st.ConversationByID(ctx, m.ConvID); err != nil {
			t.Errorf("acked before the conversation was stored: %v", err)
		}
		seenAtAck = f.agents.count()
	})
	if err != nil {
		t.Fatal(err)
	}
	if seenAtAck != 0 || f.agents.count() != 1 {
		t.Fatalf("agents had %d events at ack time and %d after; want 0 then 1", seenAtAck, f.agents.count())
	}
	if ev := f.agents.got[0]; ev.Seq != 1 || ev.Conv != m.ConvID || ev.Origin != "sock" || ev.CMID != "c1" {
		t.Fatalf("published event %+v", ev)
	}
}

func TestDomainRules(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m, err := f.svc.VisitorSend(ctx, f.visitors[0], "", "c1", "hello", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a visitor cannot post in another's conversation", func(t *testing.T) {
		_, err := f.svc.VisitorSend(ctx, f.visitors[1], m.ConvID, "x", "sneaky", "", nil)
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("got %v, want ErrNotFound", err)
		}
	})
	t.Run("invalid status is refused", func(t *testing.T) {
		bad := "closed-ish"
		if _, err := f.svc.Update(ctx, m.ConvID, store.ConversationPatch{Status: &bad}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("got %v, want ErrConflict", err)
		}
	})
	t.Run("a visitor message reopens a resolved conversation", func(t *testing.T) {
		resolved := "resolved"
		if _, err := f.svc.Update(ctx, m.ConvID, store.ConversationPatch{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		before := f.agents.count()
		if _, err := f.svc.VisitorSend(ctx, f.visitors[0], m.ConvID, "c2", "still there?", "", nil); err != nil {
			t.Fatal(err)
		}
		c, _ := f.st.ConversationByID(ctx, m.ConvID)
		if c.Status != "open" || f.agents.count() != before+2 { // the message and the status change
			t.Fatalf("status %q, %d new events", c.Status, f.agents.count()-before)
		}
	})
}
