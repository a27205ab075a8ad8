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

func TestResendAfterReconnect(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 2))
	a := c.Send("c1", "a")
	b := c.Send("c1", "b")
	sa, sb := p.send(), p.send()
	if sa.CMID != a || sb.CMID != b || sa.Conv != "c1" || sa.Body != "a" || sa.ID == "" {
		t.Fatalf("sends %+v %+v", sa, sb)
	}
	p.close(protocol.CloseTooSlow) // the server stored a as seq 3, the ack is lost
	p2 := sc.accept(t)
	if h := p2.hello(); h.Resume["c1"] != 2 {
		t.Fatalf("resume %v", h.Resume)
	}
	p2.welcome("tok", conv("c1", 3))
	ra, rb := p2.send(), p2.send()
	if ra.CMID != a || rb.CMID != b {
		t.Fatalf("re-sent %s %s, want %s %s in order", ra.CMID, rb.CMID, a, b)
	}
	// The replay carries a as a message: it must settle the send, not show.
	p2.write(&protocol.Message{Type: protocol.TypeMessage, Conv: "c1", Seq: 3, Msg: protocol.Msg{Seq: 3, CMID: a, Body: "a"}})
	p2.ack(ra, "c1", 3) // the repeated send's ack
	p2.ack(rb, "c1", 4)
	waitFor(t, "acks", func() bool { return len(c.rec.events(EventAck)) == 2 })
	time.Sleep(20 * time.Millisecond) // room for a wrong extra event
	acks := c.rec.events(EventAck)
	if len(acks) != 2 || acks[0].CMID != a || acks[0].Ack.Seq != 3 || acks[1].CMID != b || acks[1].Ack.Seq != 4 {
		t.Fatalf("acks %+v", acks)
	}
	if m := c.rec.events(EventMessage); len(m) != 0 {
		t.Fatalf("own message shown: %+v", m[0].Message)
	}
}

func TestSendQueuedOffline(t *testing.T) {
	sc := newScript(t)
	c := New(Config{URL: sc.url("/ws/visitor"), Hello: protocol.Hello{Site: "s"}})
	a := c.Send("c1", "early")
	if c.Pending() != 1 {
		t.Fatal("send not queued")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = c.Run(ctx) }()
	p := sc.accept(t)
	p.hello()
	p.quiet(50 * time.Millisecond) // nothing before the welcome
	p.welcome("t", conv("c1", 0))
	if s := p.send(); s.CMID != a {
		t.Fatalf("sent %s, want %s", s.CMID, a)
	}
}

func TestNewConversationBinding(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok")
	c.Send("", "hi")
	c.Send("", "again")
	c.Send("", "third")
	first := p.send()
	if first.Conv != "" || first.Body != "hi" {
		t.Fatalf("first send %+v", first)
	}
	p.quiet(100 * time.Millisecond) // the others wait for the new conversation
	p.ack(first, "c9", 1)
	for _, body := range []string{"again", "third"} {
		s := p.send()
		if s.Conv != "c9" || s.Body != body {
			t.Fatalf("send %+v, want %q to c9", s, body)
		}
		p.ack(s, "c9", map[string]int64{"again": 2, "third": 3}[body])
	}
	waitFor(t, "acks", func() bool { return len(c.rec.events(EventAck)) == 3 })
	if c.LastSeq("c9") != 3 || c.Pending() != 0 {
		t.Fatalf("last %d", c.LastSeq("c9"))
	}
}

func TestNewConversationLostAck(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok")
	cmid := c.Send("", "hi")
	p.send()
	p.close(protocol.CloseTooSlow) // stored as c9/1, then an agent replied c9/2
	p2 := sc.accept(t)
	p2.hello()
	p2.welcome("tok", conv("c9", 2))
	// The unacked conv-"" send may have made c9: the client fetches it whole.
	if s := p2.send(); s.CMID != cmid || s.Conv != "" {
		t.Fatalf("re-send %+v", s)
	}
	h := p2.historyReq()
	if h.Conv != "c9" || h.Before != 3 || h.Limit != 2 {
		t.Fatalf("history %+v", h)
	}
	own := protocol.Msg{Seq: 1, CMID: cmid, Body: "hi", Author: protocol.Author{Kind: protocol.AuthorVisitor}}
	p2.write(&protocol.History{Type: protocol.TypeHistory, ID: h.ID, Conv: "c9", Messages: []protocol.Msg{own, msgAt(2)}})
	waitFor(t, "reply", func() bool { return len(c.rec.messages("c9")) == 1 })
	if got := c.rec.messages("c9"); !slices.Equal(got, []int64{2}) {
		t.Fatalf("messages %v", got)
	}
	if acks := c.rec.events(EventAck); len(acks) != 1 || acks[0].Conv != "c9" {
		t.Fatalf("acks %+v", acks)
	}
}

func TestRetryLater(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 0))
	cmid := c.Send("c1", "x")
	s := p.send()
	began := time.Now()
	p.write(&protocol.Error{Type: protocol.TypeError, ID: s.ID, Code: protocol.CodeUnavailable, RetryAfterMS: 60})
	s2 := p.send()
	if s2.CMID != cmid || time.Since(began) < 50*time.Millisecond {
		t.Fatalf("retry %s after %v", s2.CMID, time.Since(began))
	}
	p.write(&protocol.Error{Type: protocol.TypeError, ID: s.ID, Code: protocol.CodeRateLimited, RetryAfterMS: 10_000})
	c.DropConnection() // a reconnect re-sends at once
	p2 := sc.accept(t)
	p2.hello()
	p2.welcome("tok", conv("c1", 0))
	s3 := p2.send()
	p2.ack(s3, "c1", 1)
	waitFor(t, "ack", func() bool { return c.Pending() == 0 })
	if len(c.rec.events(EventSendFailed)) != 0 {
		t.Fatal("a retryable error failed the send")
	}
}

func TestPermanentFailure(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 0))
	errc := make(chan error, 1)
	go func() {
		_, err := c.SendWait(context.Background(), "c1", "too long")
		errc <- err
	}()
	s := p.send()
	p.write(&protocol.Error{Type: protocol.TypeError, ID: s.ID, Code: protocol.CodeTooLarge, Message: "too long"})
	var e *protocol.Error
	if err := <-errc; !errors.As(err, &e) || e.Code != protocol.CodeTooLarge {
		t.Fatalf("SendWait error %v", err)
	}
	waitFor(t, "event", func() bool { return len(c.rec.events(EventSendFailed)) == 1 })
	if f := c.rec.events(EventSendFailed)[0]; f.CMID != s.CMID || f.Conv != "c1" || c.Pending() != 0 {
		t.Fatalf("failure event %+v, pending %d", f, c.Pending())
	}
	// The next send works and the failed one is never re-sent.
	c.DropConnection()
	p2 := sc.accept(t)
	p2.hello()
	p2.welcome("tok", conv("c1", 0))
	p2.quiet(50 * time.Millisecond)
}

func TestSendWaitAck(t *testing.T) {
	sc := newScript(t)
	c := start(t, sc, Config{})
	p := sc.accept(t)
	p.hello()
	p.welcome("tok", conv("c1", 0))
	go func() { p.ack(p.send(), "c1", 1) }()
	ack, err := c.SendWait(context.Background(), "c1", "hello")
	if err != nil || ack.Seq != 1 || ack.Conv != "c1" {
		t.Fatalf("SendWait = %+v, %v", ack, err)
	}
}

func TestOutboxIndex(t *testing.T) {
	var o outbox
	ps := make([]*pendingSend, 5)
	for i := range ps {
		ps[i] = &pendingSend{cmid: string(rune('a' + i)), conv: "c1", sent: true}
		o.add(ps[i])
	}
	o.next = 4 // a..d written
	if o.find("c") != ps[2] || o.find("") != nil || o.find("zz") != nil {
		t.Fatal("find by cmid")
	}
	o.remove(ps[1])
	if o.find("b") != nil || len(o.list) != 4 || o.next != 3 {
		t.Fatalf("after removing a written send: len %d next %d, want 4 and 3", len(o.list), o.next)
	}
	o.remove(ps[4])
	if o.next != 3 {
		t.Fatalf("removing an unwritten send moved next to %d", o.next)
	}
	o.retryLater(ps[0], time.Now())
	if o.next != 0 || ps[0].sent {
		t.Fatal("retryLater must make the send writable again from the start")
	}
	o.next = 3
	o.unsend()
	if o.next != 0 {
		t.Fatal("unsend must rewind next")
	}
}
