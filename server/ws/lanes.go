package ws

import "sync"

// maxInFlight bounds the sends one agent socket has queued or running.
const maxInFlight = 512

// lanes runs an agent socket's sends off its reader: in order within a
// conversation, conversations side by side. An agent answering many
// visitors then waits for one store write per conversation, not for every
// earlier send of the socket, and the writes of many sends arrive at the
// store together, where they share a commit. When maxInFlight sends are
// pending, do blocks the reader, which holds the client back.
type lanes struct {
	slots  chan struct{}
	mu     sync.Mutex
	queues map[string][]func() // conversation → work not started; present while its lane runs
}

func newLanes() *lanes {
	return &lanes{slots: make(chan struct{}, maxInFlight), queues: make(map[string][]func())}
}

// do queues fn behind the earlier work of conv and returns.
func (l *lanes) do(conv string, fn func()) {
	l.slots <- struct{}{}
	l.mu.Lock()
	q, running := l.queues[conv]
	l.queues[conv] = append(q, fn)
	l.mu.Unlock()
	if !running {
		go l.run(conv)
	}
}

// run works through conv's queue and ends when it is empty.
func (l *lanes) run(conv string) {
	for {
		l.mu.Lock()
		q := l.queues[conv]
		if len(q) == 0 {
			delete(l.queues, conv)
			l.mu.Unlock()
			return
		}
		fn := q[0]
		q[0] = nil
		l.queues[conv] = q[1:]
		l.mu.Unlock()
		fn()
		<-l.slots
	}
}
