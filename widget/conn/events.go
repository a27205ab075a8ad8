package conn

import (
	"sync"

	"github.com/parley-chat/parley/shared/protocol"
)

// EventKind says what an Event reports.
type EventKind int

// Event kinds.
const (
	EventState      EventKind = iota + 1 // the connection state changed (State)
	EventWelcome                         // a session began (Frame is *protocol.Welcome)
	EventMessage                         // a message from someone else, deduplicated and in seq order (Message)
	EventAck                             // one of this client's sends was stored (Ack, CMID)
	EventNote                            // an internal note (agents; Frame is *protocol.Note)
	EventTyping                          // Frame is *protocol.Typing
	EventRead                            // Frame is *protocol.Read
	EventStatus                          // Frame is *protocol.Status
	EventPresence                        // Frame is *protocol.Presence
	EventError                           // an error frame no request claims, a fatal close, a gap that history cannot fill (Err)
	EventSendFailed                      // a send failed permanently and was dropped (CMID, Conv, Err)
	EventTeam                            // an agent's presence changed (agents; Frame is *protocol.Team)
	EventViewing                         // agents: Frame is *protocol.Viewing
)

var kindNames = [...]string{"", "state", "welcome", "message", "ack", "note", "typing", "read", "status", "presence", "error", "send_failed", "team", "viewing"}

// String returns the kind's name.
func (k EventKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// State is the client's connection state.
type State int

// Connection states. A Client that is not running is StateStopped.
const (
	StateStopped      State = iota // Run has not started or has returned
	StateConnecting                // first connection attempt
	StateOnline                    // welcomed: sends go out at once
	StateReconnecting              // lost the connection; backing off and redialing
)

var stateNames = [...]string{"stopped", "connecting", "online", "reconnecting"}

// String returns the state's name.
func (s State) String() string {
	if s >= 0 && int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// Event is what the client reports through Config.OnEvent.
type Event struct {
	Kind    EventKind
	State   State             // EventState
	Conv    string            // the conversation concerned, when there is one
	CMID    string            // EventAck, EventSendFailed
	Note    bool              // EventAck, EventSendFailed: the send was an internal note (not seq'd)
	Message *protocol.Message // EventMessage: never the client's own (those arrive as EventAck)
	Ack     *protocol.Ack     // EventAck
	Frame   protocol.ServerFrame
	Err     error
}

// emitter queues events and hands them to fn from one goroutine, in order,
// so that OnEvent never runs while the client holds its lock.
type emitter struct {
	fn   func(Event)
	mu   sync.Mutex
	q    []Event
	wake chan struct{}
}

func newEmitter(fn func(Event)) *emitter {
	return &emitter{fn: fn, wake: make(chan struct{}, 1)}
}

func (e *emitter) push(ev Event) {
	if e.fn == nil {
		return
	}
	e.mu.Lock()
	e.q = append(e.q, ev)
	e.mu.Unlock()
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// run delivers events until stop is closed, then delivers what is left.
func (e *emitter) run(stop <-chan struct{}) {
	for {
		e.drain()
		select {
		case <-e.wake:
		case <-stop:
			e.drain()
			return
		}
	}
}

func (e *emitter) drain() {
	for {
		e.mu.Lock()
		q := e.q
		e.q = nil
		e.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, ev := range q {
			e.fn(ev)
		}
	}
}
