package server

import (
	"context"
	"time"

	"github.com/parley-chat/parley/server/chat"
)

// waker runs the chat service's snooze loop for the node's lifetime.
type waker struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// startWaker starts reopening snoozed conversations every interval.
func startWaker(svc *chat.Service, every time.Duration) *waker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &waker{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		svc.RunSnoozeWaker(ctx, every)
	}()
	return w
}

// stop ends the loop and waits for a scan under way, so the store is not
// closed beneath it. Calling it again does nothing more.
func (w *waker) stop() {
	w.cancel()
	<-w.done
}
