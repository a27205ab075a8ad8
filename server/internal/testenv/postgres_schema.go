package testenv

import (
	"context"
	"testing"

	"github.com/parley-chat/parley/server/internal/pgschema"
)

// PostgresSchema creates a uniquely named schema in the test database
// (PostgresURL), drops it with everything in it when the test ends, and
// returns a URL whose connections see only that schema: a fresh, empty
// database as far as a store can tell. Stores opened on it must be closed
// by cleanups registered after this call, which run first.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	url, drop, err := pgschema.Create(context.Background(), PostgresURL(t), "parley_test")
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	t.Cleanup(func() {
		if err := drop(context.Background()); err != nil {
			t.Errorf("testenv: %v", err)
		}
	})
	return url
}
