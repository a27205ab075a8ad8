package sqlite

import (
	"testing"

	"github.com/parley-chat/parley/server/store/storetest"
)

func BenchmarkAppendMessage(b *testing.B) {
	s, _ := openTemp(b)
	storetest.BenchAppendMessage(b, s)
}
