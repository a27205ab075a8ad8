package postgres

import (
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/parley-chat/parley/server/store"
)

// classify returns the store sentinel matching a PostgreSQL or connection
// error, or nil.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return classifyCode(pe.Code)
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return store.ErrUnavailable
	}
	return nil
}

// classifyCode maps a SQLSTATE onto a store sentinel, or nil.
func classifyCode(code string) error {
	switch {
	case code == "23505": // unique_violation
		return store.ErrConflict
	case code == "23503": // foreign_key_violation: an unknown site, agent, visitor or conversation
		return store.ErrNotFound
	case unavailableCode(code):
		return store.ErrUnavailable
	}
	return nil
}

// unavailableCode reports whether a SQLSTATE means the database cannot
// serve requests right now, as opposed to a bad request: connection
// exceptions, too many connections or out of disk, shutdowns and
// recovery, lock and statement timeouts, and serialization failures and
// deadlocks that a later attempt would get past.
func unavailableCode(code string) bool {
	for _, class := range []string{"08", "53", "57P", "58"} {
		if strings.HasPrefix(code, class) {
			return true
		}
	}
	switch code {
	case "40001", "40P01", "55P03", "57014":
		return true
	}
	return false
}
