// Package pgschema gives a run a throwaway PostgreSQL schema: a fresh,
// empty database as far as a store opened on the returned URL can tell.
// Tests (through testenv) and `parley bench suite` use it.
package pgschema

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
)

// DefaultURL is the local database tests and benchmarks use when
// PARLEY_TEST_DATABASE_URL is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Create makes a uniquely named schema "<prefix>_<random>" in the database
// at base and returns a URL whose connections see only that schema, and a
// drop function that removes the schema with everything in it. Stores
// opened on the URL must be closed before drop is called.
func Create(ctx context.Context, base, prefix string) (string, func(context.Context) error, error) {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := prefix + "_" + hex.EncodeToString(b)
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, fmt.Errorf("pgschema: database URL: %w", err)
	}
	if err := exec(ctx, base, "CREATE SCHEMA "+name); err != nil {
		return "", nil, fmt.Errorf("pgschema: create schema: %w", err)
	}
	drop := func(ctx context.Context) error {
		if err := exec(ctx, base, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			return fmt.Errorf("pgschema: drop schema %s: %w", name, err)
		}
		return nil
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// Ping checks that the database at url answers.
func Ping(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("pgschema: connect: %w", err)
	}
	defer conn.Close(ctx)
	if err := conn.Ping(ctx); err != nil {
		return fmt.Errorf("pgschema: ping: %w", err)
	}
	return nil
}

// Checkpoint has the database at url write out every dirty buffer now
// (CHECKPOINT, which needs a superuser or pg_checkpoint), so that the
// writing does not happen later, in the middle of whatever runs next.
func Checkpoint(ctx context.Context, url string) error {
	if err := exec(ctx, url, "CHECKPOINT"); err != nil {
		return fmt.Errorf("pgschema: checkpoint: %w", err)
	}
	return nil
}

// exec runs one statement on its own connection to url.
func exec(ctx context.Context, url, sql string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
