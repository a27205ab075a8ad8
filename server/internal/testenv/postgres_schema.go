package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
)

// PostgresSchema creates a uniquely named schema in the test database
// (PostgresURL), drops it with everything in it when the test ends, and
// returns a URL whose connections see only that schema: a fresh, empty
// database as far as a store can tell. Stores opened on it must be closed
// by cleanups registered after this call, which run first.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "parley_test_" + hex.EncodeToString(b)
	if err := adminExec(base, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("testenv: create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := adminExec(base, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			t.Errorf("testenv: drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testenv: PARLEY_TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// adminExec runs one statement on its own connection to url.
func adminExec(url, sql string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
