//go:build !js

package conn

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/parley-chat/parley/shared/protocol"
)

func TestHelloAndToken(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{Origin: "https://shop.example", Hello: protocol.Hello{Site: "site1", Locale: "fr"}})
	p := sc.accept(t)
	if p.origin != "https://shop.example" {
		t.Errorf("Origin = %q", p.origin)
	}
	h := p.hello()
	if h.Type != protocol.TypeHello || h.Site != "site1" || h.Locale != "fr" || h.Token != "" || len(h.Resume) != 0 {
		t.Fatalf("first hello = %+v", h)
	}
	p.welcome("tok1", conv("c1", 4))
	waitFor(t, "online", func() bool { return c.State() == StateOnline })
	if c.Token() != "tok1" || c.VisitorID() != "v1" || c.LastSeq("c1") != 4 {
		t.Fatalf("token %q visitor %q last %d", c.Token(), c.VisitorID(), c.LastSeq("c1"))
	}
	p.close(protocol.CloseRestart)
	p2 := sc.accept(t)
	h2 := p2.hello()
	if h2.Token != "tok1" || h2.Resume["c1"] != 4 || len(h2.Resume) != 1 {
		t.Fatalf("hello after 1012 = token %q resume %v", h2.Token, h2.Resume)
	}
	states := []State{}
	for _, ev := range c.rec.events(EventState) {
		states = append(states, ev.State)
	}
	if !slices.Equal(states[:3], []State{StateConnecting, StateOnline, StateReconnecting}) {
		t.Errorf("states = %v", states)
	}
}

func TestResumeSeeded(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{Hello: protocol.Hello{Site: "s", Token: "tok", Resume: map[string]int64{"c1": 7}}})
	p := sc.accept(t)
	if h := p.hello(); h.Resume["c1"] != 7 || h.Token != "tok" {
		t.Fatalf("hello %+v", h)
	}
	p.welcome("", conv("c1", 8))
	p.message("c1", 8)
	waitFor(t, "seq 8", func() bool { return len(c.rec.messages("c1")) == 1 })
	if c.Token() != "tok" {
		t.Fatalf("a welcome without a token replaced it with %q", c.Token())
	}
}

func TestResumeNamesEveryConversation(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 3))
	p.message("c2", 1) // a conversation the welcome did not list
	waitFor(t, "c2", func() bool { return c.LastSeq("c2") == 1 })
	c.DropConnection()
	p2 := sc.accept(t)
	h := p2.hello()
	if len(h.Resume) != 2 || h.Resume["c1"] != 3 || h.Resume["c2"] != 1 {
		t.Fatalf("resume %v", h.Resume)
	}
}

func TestFatalClose(t *testing.T) {
	for _, tt := range []struct {
		code websocket.StatusCode
		want error
	}{{protocol.CloseUnauthorized, ErrUnauthorized}, {protocol.ClosePolicy, ErrPolicy}} {
		t.Run(tt.want.Error(), func(t *testing.T) {
			sc := newScript(t)
			c := start(t, sc, Config{Hello: protocol.Hello{Site: "s", Token: "stale"}})
			p := sc.accept(t)
			p.hello()
			p.close(tt.code)
			if err := c.result(t); !errors.Is(err, tt.want) {
				t.Fatalf("Run = %v, want %v", err, tt.want)
			}
			sc.noConn(t, 50*time.Millisecond)
			if c.State() != StateStopped || len(c.rec.events(EventError)) != 1 {
				t.Fatalf("state %v, errors %d", c.State(), len(c.rec.events(EventError)))
			}
		})
	}
}

func TestUnauthorizedErrorFrame(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	h := p.hello()
	p.write(&protocol.Error{Type: protocol.TypeError, ID: h.ID, Code: protocol.CodeUnauthorized, Message: "bad token"})
	if err := c.result(t); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("Run = %v", err)
	}
}

func TestHeartbeat(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{PingInterval: 100 * time.Millisecond})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok")
	time.Sleep(450 * time.Millisecond) // pongs keep it alive
	if p.pings.Load() < 2 {
		t.Fatalf("%d pings in 450ms", p.pings.Load())
	}
	sc.noConn(t, time.Millisecond)
	p.silent.Store(true) // now the server goes quiet
	p2 := sc.accept(t)
	p2.hello()
	if c.State() == StateStopped {
		t.Fatal("stopped")
	}
}
