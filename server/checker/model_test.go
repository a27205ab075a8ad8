package checker

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/parley-chat/parley/shared/protocol"
)

// model is a small in-memory server that follows the delivery rules of
// design.md §3, so the chaos test can run real conn.Clients against the
// checker before the real server exists. Every socket takes part in every
// conversation. It fails a share of sends with unavailable and kicks
// sockets with 4008 now and then.
type model struct {
	mu     sync.Mutex
	convs  map[string][]protocol.Msg
	cmids  map[string]protocol.Ack // cmid → its ack
	socks  map[*msock]bool
	nextID int
	chaos  bool
}

// msock is one socket: sent tracks, per conversation, the last seq this
// socket has been given (as a message or an ack).
type msock struct {
	ws   *websocket.Conn
	out  chan []byte
	sent map[string]int64
	own  map[string]bool // cmids sent on this socket
}

func newModel(t *testing.T, convs ...string) (*model, string) {
	m := &model{convs: map[string][]protocol.Msg{}, cmids: map[string]protocol.Ack{}, socks: map[*msock]bool{}, chaos: true}
	for _, c := range convs {
		m.convs[c] = nil
	}
	srv := httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(srv.Close)
	return m, "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws/visitor"
}

func (m *model) serve(w http.ResponseWriter, r *http.Request) {
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	s := &msock{ws: ws, out: make(chan []byte, 100_000), sent: map[string]int64{}, own: map[string]bool{}}
	go func() {
		for b := range s.out {
			if ws.Write(context.Background(), websocket.MessageText, b) != nil {
				return
			}
		}
	}()
	defer func() {
		m.mu.Lock()
		delete(m.socks, s)
		close(s.out)
		m.mu.Unlock()
	}()
	for {
		_, b, err := ws.Read(context.Background())
		if err != nil {
			return
		}
		f, err := protocol.VisitorFrames.Decode(b)
		m.mu.Lock()
		if err != nil {
			s.write(err)
			m.mu.Unlock()
			continue
		}
		m.handle(s, f)
		m.mu.Unlock()
	}
}

func (s *msock) write(f any) {
	b, _ := json.Marshal(f)
	s.out <- b
}

func (m *model) handle(s *msock, f protocol.ClientFrame) {
	switch f := f.(type) {
	case *protocol.Hello:
		m.hello(s, f)
	case *protocol.Send:
		m.send(s, f)
	case *protocol.HistoryRequest:
		msgs := m.convs[f.Conv]
		hi := min(int64(len(msgs)), f.Before-1)
		if f.Before == 0 {
			hi = int64(len(msgs))
		}
		lo := max(0, hi-int64(f.Limit))
		s.write(&protocol.History{Type: protocol.TypeHistory, ID: f.ID, Conv: f.Conv, Messages: msgs[lo:hi]})
	case *protocol.Ping:
		s.write(&protocol.Pong{Type: protocol.TypePong})
	}
}

func (m *model) hello(s *msock, h *protocol.Hello) {
	w := &protocol.Welcome{Type: protocol.TypeWelcome, Visitor: &protocol.Visitor{ID: h.Token, Token: h.Token}, Conversations: []protocol.ConvSummary{}}
	for id, msgs := range m.convs {
		w.Conversations = append(w.Conversations, protocol.ConvSummary{ID: id, Status: protocol.StatusOpen, LastSeq: int64(len(msgs))})
		s.sent[id] = int64(len(msgs))
		if last, ok := h.Resume[id]; ok {
			s.sent[id] = last
		}
	}
	s.write(w)
	m.socks[s] = true
	for id := range m.convs {
		m.catchUp(s, id)
	}
}

func (m *model) send(s *msock, f *protocol.Send) {
	if m.chaos && rand.N(10) == 0 {
		e := protocol.NewError(protocol.CodeUnavailable, "chaos").WithID(f.ID)
		e.RetryAfterMS = 1 + rand.N(20)
		s.write(e)
		return
	}
	s.own[f.CMID] = true
	if a, ok := m.cmids[f.CMID]; ok { // a retried send
		if a.Seq <= s.sent[a.Conv] {
			a.ID = f.ID
			s.write(&a)
		}
		m.catchUp(s, a.Conv)
		return
	}
	if f.Conv == "" {
		m.nextID++
		f.Conv = fmt.Sprintf("n%d", m.nextID)
		m.convs[f.Conv] = nil
		for o := range m.socks {
			o.sent[f.Conv] = 0
		}
	}
	seq := int64(len(m.convs[f.Conv]) + 1)
	m.convs[f.Conv] = append(m.convs[f.Conv], protocol.Msg{ID: f.CMID, Seq: seq, CMID: f.CMID, Body: f.Body, At: time.Now()})
	m.cmids[f.CMID] = protocol.Ack{Type: protocol.TypeAck, ID: f.ID, Conv: f.Conv, CMID: f.CMID, Seq: seq}
	for o := range m.socks {
		m.catchUp(o, f.Conv)
	}
	if m.chaos && rand.N(40) == 0 {
		go s.ws.Close(protocol.CloseTooSlow, "chaos")
	}
}

// catchUp gives s everything of conv it has not had, in seq order: its
// own messages as acks, the others' as message frames.
func (m *model) catchUp(s *msock, conv string) {
	msgs := m.convs[conv]
	for s.sent[conv] < int64(len(msgs)) {
		msg := msgs[s.sent[conv]]
		s.sent[conv] = msg.Seq
		if s.own[msg.CMID] {
			a := m.cmids[msg.CMID]
			s.write(&a)
			continue
		}
		s.write(&protocol.Message{Type: protocol.TypeMessage, Conv: conv, Seq: msg.Seq, Msg: msg})
	}
}

// stored returns the model's seqs per conversation.
func (m *model) stored() map[string][]int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]int64{}
	for id, msgs := range m.convs {
		for _, msg := range msgs {
			out[id] = append(out[id], msg.Seq)
		}
	}
	return out
}
