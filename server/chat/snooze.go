package chat

import (
	"context"
	"fmt"
	"time"
)

// DefaultSnoozeScan is how often a node looks for snoozed conversations
// whose time has come.
const DefaultSnoozeScan = 15 * time.Second

// WakeSnoozed reopens the snoozed conversations due at now and tells their
// visitors and every agent, as Update does. The store reopens each in one
// atomic statement, so with several nodes scanning each is announced once.
func (s *Service) WakeSnoozed(ctx context.Context, now time.Time) (int, error) {
	convs, err := s.store.WakeSnoozed(ctx, now)
	if err != nil {
		return 0, fmt.Errorf("chat: wake snoozed: %w", err)
	}
	for _, c := range convs {
		s.publishStatus(ctx, c)
	}
	return len(convs), nil
}

// RunSnoozeWaker calls WakeSnoozed every interval (DefaultSnoozeScan when
// not positive) until ctx ends. A failed scan is logged and retried at the
// next tick.
func (s *Service) RunSnoozeWaker(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = DefaultSnoozeScan
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if n, err := s.WakeSnoozed(ctx, now); err != nil && ctx.Err() == nil {
				s.log.Warn("chat: waking snoozed conversations failed", "err", err)
			} else if n > 0 {
				s.log.Debug("chat: woke snoozed conversations", "count", n)
			}
		}
	}
}
