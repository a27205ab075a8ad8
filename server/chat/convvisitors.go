package chat

import (
	"context"
	"sync"
)

// maxRemembered bounds convVisitors; when full it starts again empty.
const maxRemembered = 1 << 16

// convVisitors remembers whose conversation each conversation is. That
// never changes, so an agent's reply finds the visitor topic to publish on
// without a store read per message.
type convVisitors struct {
	mu sync.Mutex
	m  map[string]string // conversation → visitor
}

func (c *convVisitors) put(conv, visitor string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxRemembered {
		c.m = make(map[string]string)
	}
	c.m[conv] = visitor
}

func (c *convVisitors) get(conv string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[conv]
	return v, ok
}

// visitorOf returns the visitor whose conversation conv is.
func (s *Service) visitorOf(ctx context.Context, conv string) (string, error) {
	if v, ok := s.visitors.get(conv); ok {
		return v, nil
	}
	c, err := s.store.ConversationByID(ctx, conv)
	if err != nil {
		return "", err
	}
	s.visitors.put(conv, c.VisitorID)
	return c.VisitorID, nil
}
