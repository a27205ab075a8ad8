package sqlite

import (
	"errors"

	"github.com/parley-chat/parley/server/store"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// classify returns the store sentinel matching a SQLite error, or nil.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch code := se.Code(); code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return store.ErrConflict
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		// A reference to a site, agent, visitor or conversation that does
		// not exist.
		return store.ErrNotFound
	default:
		if unavailable(code & 0xff) {
			return store.ErrUnavailable
		}
	}
	return nil
}

// unavailable reports whether a primary result code means the database file
// cannot be used right now (as opposed to a bad request).
func unavailable(primary int) bool {
	switch primary {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL,
		sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY,
		sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_PROTOCOL:
		return true
	}
	return false
}
