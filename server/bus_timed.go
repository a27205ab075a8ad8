package server

import (
	"context"
	"time"

	"github.com/parley-chat/parley/server/bus"
	"github.com/parley-chat/parley/server/internal/histogram"
)

// timedBus times each Publish into parley_bus_publish_seconds and passes
// everything else through.
type timedBus struct {
	bus.Bus
	publish *histogram.Histogram
}

var _ bus.Bus = (*timedBus)(nil)

func (t *timedBus) Publish(ctx context.Context, topic string, payload []byte) error {
	defer t.publish.Since(time.Now())
	return t.Bus.Publish(ctx, topic, payload)
}
