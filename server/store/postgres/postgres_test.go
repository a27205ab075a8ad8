package postgres

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/parley-chat/parley/server/internal/testenv"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/server/store/storetest"
)

// openAt opens a store at u and closes it at cleanup (before the schema is
// dropped, since cleanups run last-registered first).
func openAt(t testing.TB, u string) *Store {
	t.Helper()
	s, err := Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return openAt(t, testenv.PostgresSchema(t))
	})
}

func TestContractNodes(t *testing.T) {
	storetest.RunNodes(t, func(t *testing.T) (store.Store, store.Store) {
		u := testenv.PostgresSchema(t)
		return openAt(t, u), openAt(t, u)
	})
}

// TestMigrateRace opens several stores on one empty schema at once: the
// advisory lock lets each migration run once and every Open succeed.
func TestMigrateRace(t *testing.T) {
	u := testenv.PostgresSchema(t)
	const nodes = 4
	var wg sync.WaitGroup
	errs := make([]error, nodes)
	for i := range nodes {
		wg.Go(func() {
			s, err := Open(t.Context(), u)
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	s := openAt(t, u)
	files, err := migrations.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(files) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(files))
	}
}

// TestUnreachableIsUnavailable checks that a database that cannot be
// reached is store.ErrUnavailable, named with the operation.
func TestUnreachableIsUnavailable(t *testing.T) {
	_, err := Open(t.Context(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if !errors.Is(err, store.ErrUnavailable) || !strings.HasPrefix(err.Error(), "postgres: ping: ") {
		t.Errorf("open on a closed port: err = %v, want store.ErrUnavailable from ping", err)
	}
}

// TestTerminatedConnections kills the store's server connections, as an
// administrator or a database restart would: each call then either works
// on a new connection or is ErrUnavailable, and the store recovers without
// being reopened.
func TestTerminatedConnections(t *testing.T) {
	app := "parley_" + store.RandomString(5)
	s := openAt(t, testenv.PostgresSchema(t)+"&application_name="+app)
	ctx := t.Context()
	site, err := s.CreateSite(ctx, store.Site{Name: "Shop"})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := pgx.Connect(ctx, testenv.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	for range 3 {
		_, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE application_name = $1`, app)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SiteByID(ctx, site.ID); err != nil && !errors.Is(err, store.ErrUnavailable) {
			t.Errorf("read after the connections died: %v, want success or ErrUnavailable", err)
		}
	}
	if _, err := s.SiteByID(ctx, site.ID); err != nil {
		t.Errorf("read after recovery: %v", err)
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		code string
		want error
	}{
		{"23505", store.ErrConflict},
		{"23503", store.ErrNotFound},
		{"57P01", store.ErrUnavailable}, // admin shutdown
		{"53300", store.ErrUnavailable}, // too many connections
		{"08006", store.ErrUnavailable}, // connection failure
		{"40001", store.ErrUnavailable}, // serialization failure
		{"42601", nil},                  // syntax error
		{"23502", nil},                  // not null violation
	}
	for _, tc := range cases {
		err := dialect.Wrap("op", &pgconn.PgError{Code: tc.code})
		if tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.code, err, tc.want)
		}
		for _, other := range []error{store.ErrConflict, store.ErrNotFound, store.ErrUnavailable} {
			if other != tc.want && errors.Is(err, other) {
				t.Errorf("%s: %v is also %v", tc.code, err, other)
			}
		}
	}
}

func TestOpenRejectsBadURL(t *testing.T) {
	if s, err := Open(t.Context(), "postgres://%zz"); err == nil {
		_ = s.Close()
		t.Error("Open accepted a malformed URL")
	}
}
