//go:build !js

package conn

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/parley-chat/parley/shared/protocol"
)

// This file is a scripted WebSocket server: each test plays the server's
// side frame by frame through a peer, one per accepted socket.

const waitLimit = 5 * time.Second

type script struct {
	srv   *httptest.Server
	conns chan *peer
}

func newScript(t *testing.T) *script {
	t.Helper()
	sc := &script{conns: make(chan *peer, 16)}
	sc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		ws.SetReadLimit(1 << 20)
		p := &peer{t: t, ws: ws, origin: r.Header.Get("Origin"), frames: make(chan []byte, 256)}
		go p.readLoop()
		sc.conns <- p
	}))
	t.Cleanup(sc.srv.Close)
	return sc
}

func (sc *script) url(path string) string {
	return "ws" + strings.TrimPrefix(sc.srv.URL, "http") + path
}

// accept waits for the client's next socket.
func (sc *script) accept(t *testing.T) *peer {
	t.Helper()
	select {
	case p := <-sc.conns:
		t.Cleanup(func() { _ = p.ws.CloseNow() })
		return p
	case <-time.After(waitLimit):
		t.Fatal("the client did not connect")
		return nil
	}
}

// noConn fails if the client opens another socket within d.
func (sc *script) noConn(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case <-sc.conns:
		t.Fatal("the client connected again")
	case <-time.After(d):
	}
}

// peer is the server's end of one socket. Ping frames are answered with
// pong and not shown to the test unless silent is set.
type peer struct {
	t      *testing.T
	ws     *websocket.Conn
	origin string
	frames chan []byte
	silent atomic.Bool
	pings  atomic.Int64
}

func (p *peer) readLoop() {
	defer close(p.frames)
	for {
		_, b, err := p.ws.Read(context.Background())
		if err != nil {
			return
		}
		if frameType(b) == protocol.TypePing {
			p.pings.Add(1)
			if !p.silent.Load() {
				p.write(&protocol.Pong{Type: protocol.TypePong})
			}
			continue
		}
		p.frames <- b
	}
}

func frameType(b []byte) string {
	var env struct{ Type string }
	_ = json.Unmarshal(b, &env)
	return env.Type
}

// next returns the next frame the client sent, failing after waitLimit.
func (p *peer) next(typ string, into any) {
	p.t.Helper()
	select {
	case b, ok := <-p.frames:
		if !ok {
			p.t.Fatalf("socket closed while waiting for %s", typ)
		}
		if got := frameType(b); got != typ {
			p.t.Fatalf("got a %s frame, want %s: %s", got, typ, b)
		}
		if err := json.Unmarshal(b, into); err != nil {
			p.t.Fatal(err)
		}
	case <-time.After(waitLimit):
		p.t.Fatalf("no %s frame", typ)
	}
}

// quiet fails if the client sends a frame within d.
func (p *peer) quiet(d time.Duration) {
	p.t.Helper()
	select {
	case b := <-p.frames:
		p.t.Fatalf("unexpected frame %s", b)
	case <-time.After(d):
	}
}

func (p *peer) hello() *protocol.Hello {
	p.t.Helper()
	var h protocol.Hello
	p.next(protocol.TypeHello, &h)
	return &h
}

func (p *peer) send() *protocol.Send {
	p.t.Helper()
	var s protocol.Send
	p.next(protocol.TypeSend, &s)
	return &s
}

func (p *peer) historyReq() *protocol.HistoryRequest {
	p.t.Helper()
	var h protocol.HistoryRequest
	p.next(protocol.TypeHistory, &h)
	return &h
}

func (p *peer) write(frame any) {
	b, err := json.Marshal(frame)
	if err != nil {
		panic(err)
	}
	_ = p.ws.Write(context.Background(), websocket.MessageText, b)
}

func (p *peer) close(code websocket.StatusCode) {
	_ = p.ws.Close(code, "scripted")
}

// welcome answers hello for a visitor with the given conversations.
func (p *peer) welcome(token string, convs ...protocol.ConvSummary) {
	p.write(&protocol.Welcome{Type: protocol.TypeWelcome, Visitor: &protocol.Visitor{ID: "v1", Token: token}, Conversations: convs})
}

func (p *peer) ack(s *protocol.Send, conv string, seq int64) {
	p.write(&protocol.Ack{Type: protocol.TypeAck, ID: s.ID, Conv: conv, CMID: s.CMID, Seq: seq, At: time.Now()})
}

func (p *peer) message(conv string, seq int64) {
	p.write(agentMessage(conv, seq))
}

func agentMessage(conv string, seq int64) *protocol.Message {
	return &protocol.Message{Type: protocol.TypeMessage, Conv: conv, Seq: seq, Msg: msgAt(seq)}
}

func msgAt(seq int64) protocol.Msg {
	return protocol.Msg{ID: "m", Seq: seq, CMID: "agent-" + string(rune('a'+seq%26)), Author: protocol.Author{Kind: protocol.AuthorAgent, ID: "a1"}, Body: "hi", At: time.Now()}
}

func conv(id string, last int64) protocol.ConvSummary {
	return protocol.ConvSummary{ID: id, Status: protocol.StatusOpen, LastSeq: last}
}

// recorder collects a client's events.
type recorder struct {
	mu  sync.Mutex
	evs []Event
}

func (r *recorder) add(ev Event) {
	r.mu.Lock()
	r.evs = append(r.evs, ev)
	r.mu.Unlock()
}

func (r *recorder) events(kind EventKind) []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Event
	for _, ev := range r.evs {
		if ev.Kind == kind {
			out = append(out, ev)
		}
	}
	return out
}

// messages returns the seqs of the EventMessages of conv, in order.
func (r *recorder) messages(conv string) []int64 {
	var out []int64
	for _, ev := range r.events(EventMessage) {
		if ev.Conv == conv {
			out = append(out, ev.Message.Seq)
		}
	}
	return out
}

// waitFor polls cond until it holds, failing after waitLimit.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// running is a client under test, its events and Run's result.
type running struct {
	*Client
	rec  *recorder
	errc chan error
}

// start runs a visitor client against sc, with fast backoff.
func start(t *testing.T, sc *script, cfg Config) *running {
	t.Helper()
	if cfg.URL == "" {
		cfg.URL = sc.url("/ws/visitor")
	}
	if cfg.Hello.Site == "" {
		cfg.Hello.Site = "site1"
	}
	cfg.MinBackoff = max(cfg.MinBackoff, 5*time.Millisecond)
	cfg.MaxBackoff = max(cfg.MaxBackoff, 20*time.Millisecond)
	r := &running{rec: &recorder{}, errc: make(chan error, 1)}
	cfg.OnEvent = r.rec.add
	r.Client = New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { r.errc <- r.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.errc:
		case <-time.After(waitLimit):
			t.Error("Run did not return after cancel")
		}
	})
	return r
}

// result waits for Run to return.
func (r *running) result(t *testing.T) error {
	t.Helper()
	select {
	case err := <-r.errc:
		r.errc <- err // for the cleanup
		return err
	case <-time.After(waitLimit):
		t.Fatal("Run did not return")
		return nil
	}
}
