package memory_test

import (
	"testing"

	"github.com/parley-chat/parley/server/bus"
	"github.com/parley-chat/parley/server/bus/bustest"
	"github.com/parley-chat/parley/server/bus/memory"
)

func TestContract(t *testing.T) {
	bustest.Run(t, func(t *testing.T) bus.Bus {
		b := memory.New()
		t.Cleanup(func() { _ = b.Close() })
		return b
	})
}
