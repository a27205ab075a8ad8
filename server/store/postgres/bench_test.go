package postgres

import (
	"testing"

	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/store/storetest"
)

func BenchmarkAppendMessage(b *testing.B) {
	storetest.BenchAppendMessage(b, openAt(b, testenv.PostgresSchema(b)))
}
