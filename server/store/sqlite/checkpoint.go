package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// checkpointEvery is how often the checkpointer copies the WAL into the
// database file.
const checkpointEvery = 250 * time.Millisecond

// checkpointer copies committed pages from the WAL into the database file
// on a connection of its own. Left to SQLite, the connection that commits
// past wal_autocheckpoint pages does the copying and its fsync inside that
// commit: on a busy node that was a tenth of the writer's time, and every
// append queued behind it waited. A passive checkpoint never waits for the
// writer or for readers, and the writer never waits for it; the writer's
// own automatic checkpoint stays as a backstop (see writerDSN) should this
// one fall behind.
type checkpointer struct {
	db    *sql.DB
	stop  chan struct{}
	done  chan struct{}
	close func() error // stops the checkpointer and closes its connection; idempotent
}

func startCheckpointer(path string, busy time.Duration) (*checkpointer, error) {
	db, err := openDB(path, fmt.Sprintf("_pragma=busy_timeout(%d)", busy.Milliseconds()), 1)
	if err != nil {
		return nil, err
	}
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	c.close = sync.OnceValue(func() error {
		close(c.stop)
		<-c.done
		return c.db.Close()
	})
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
		err := c.checkpoint()
		if err != nil && !failing {
			slog.Warn("sqlite: background checkpoint failed; the writer checkpoints instead", "err", err)
		}
		failing = err != nil
	}
}

// checkpoint copies what it can without waiting for anyone.
func (c *checkpointer) checkpoint() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var busy, frames, copied int
	return c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied)
}
