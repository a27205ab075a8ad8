package ws

import (
	"context"
	"net"
	"net/http"
	"time"
)

// frameBudget limits how many frames one visitor socket may send: a
// token bucket owned by the socket's reader, so it needs no lock.
type frameBudget struct {
	tokens, burst, perSecond float64
	at                       time.Time
}

// Visitor sockets may send 10 frames a second on average, 40 at once:
// far above what the widget sends (typing at most every 3 s), far below a
// flood.
func newFrameBudget() *frameBudget {
	return &frameBudget{tokens: 40, burst: 40, perSecond: 10, at: time.Now()}
}

// take reports whether one more frame is allowed now.
func (b *frameBudget) take() bool {
	now := time.Now()
	b.tokens = min(b.burst, b.tokens+now.Sub(b.at).Seconds()*b.perSecond)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// clientIP is the peer address of the request (without the port).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// owns reports whether conv is one of the visitor's conversations,
// remembering the answer; only the reader goroutine calls it.
func (vs *visitorSession) owns(ctx context.Context, conv string) bool {
	if owned, ok := vs.owned[conv]; ok {
		return owned
	}
	c, err := vs.h.store.ConversationByID(ctx, conv)
	owned := err == nil && c.VisitorID == vs.visitor.ID
	if err == nil || owned {
		vs.owned[conv] = owned
	}
	return owned
}
