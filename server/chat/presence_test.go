package chat_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/parley-chat/parley/server/bus/memory"
	"github.com/parley-chat/parley/server/chat"
	"github.com/parley-chat/parley/server/hub"
	"github.com/parley-chat/parley/shared/protocol"
)

type recorder struct {
	mu     sync.Mutex
	online []bool
}

func (r *recorder) Deliver(_ string, ev hub.Event) {
	var p protocol.Presence
	if json.Unmarshal(ev.Frame, &p) == nil {
		r.mu.Lock()
		r.online = append(r.online, p.Online)
		r.mu.Unlock()
	}
}

func (r *recorder) Resync() {}

// TestPresenceAnnouncesChangesOnly: visitors hear "online" when the first
// agent socket opens and "away" when the last one closes, and nothing for
// sockets in between.
func TestPresenceAnnouncesChangesOnly(t *testing.T) {
	h := hub.New(memory.New(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	rec := &recorder{}
	if err := h.Subscribe(context.Background(), rec, chat.PresenceTopic); err != nil {
		t.Fatal(err)
	}
	p := chat.NewPresence(90)
	p.Announce(h)
	if p.Current().Online {
		t.Fatal("online with no agent")
	}
	p.AgentConnected("a1")
	p.AgentConnected("a1") // a second tab
	p.AgentConnected("a2")
	if cur := p.Current(); !cur.Online || cur.ReplyTimeS != 90 {
		t.Fatalf("current %+v", cur)
	}
	p.AgentDisconnected("a1")
	p.AgentDisconnected("a2")
	p.AgentDisconnected("a1")
	if p.Current().Online {
		t.Fatal("still online after every socket closed")
	}
	if len(rec.online) != 2 || !rec.online[0] || rec.online[1] {
		t.Fatalf("announcements %v, want [true false]", rec.online)
	}
}
