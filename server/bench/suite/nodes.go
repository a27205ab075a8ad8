package suite

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/parley-chat/parley/server"
	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/internal/pgschema"
)

// startRedis runs a private redis-server keeping nothing on disk and
// returns its URL.
func (s *suite) startRedis(ctx context.Context) (string, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", errNoRedis
	}
	argv := []string{bin, "--port", "{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", s.dir, "--daemonize", "no"}
	p, err := s.procs.start(ctx, "redis-server", argv, nil, redisReady)
	if err != nil {
		return "", err
	}
	return "redis://" + p.addr, nil
}

func redisReady(ctx context.Context, addr string) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	return c.Ping(ctx).Err()
}

// startRelay runs `parley relay`, through Redis when redisURL is set.
func (s *suite) startRelay(ctx context.Context, redisURL string) (*proc, error) {
	argv := []string{s.cfg.Exe, "relay", "--addr", "{addr}"}
	if redisURL != "" {
		argv = append(argv, "--redis", redisURL)
	}
	return s.procs.start(ctx, "parley relay", argv, []string{"PARLEY_LOG_LEVEL=warn"}, httpReady("/metrics"))
}

// startParley runs `parley serve` on databaseURL (and Redis when set) with
// rate limits out of the way, as `make bench-load` does.
func (s *suite) startParley(ctx context.Context, databaseURL, redisURL string) (*proc, error) {
	env := []string{"PARLEY_ADDR={addr}", "PARLEY_PUBLIC_URL=http://{addr}", "PARLEY_DEMO=false", "PARLEY_LOG_LEVEL=warn",
		"PARLEY_DATABASE_URL=" + databaseURL, "PARLEY_VISITOR_RATE=1000000", "PARLEY_VISITOR_BURST=100000",
		"PARLEY_NEW_VISITOR_RATE=10000000"}
	if redisURL != "" {
		env = append(env, "PARLEY_REDIS_URL="+redisURL)
	}
	return s.procs.start(ctx, "parley serve", []string{s.cfg.Exe, "serve"}, env, httpReady("/readyz"))
}

// sqliteURL is a fresh SQLite database in the suite's directory.
func (s *suite) sqliteURL(name string) string {
	s.seq++
	return "sqlite:" + filepath.Join(s.dir, name+"-"+strconv.Itoa(s.seq)+".db")
}

// postgresSchema creates a throwaway schema, dropped when the suite ends.
func (s *suite) postgresSchema(ctx context.Context) (string, error) {
	if err := pgschema.Ping(ctx, s.cfg.DatabaseURL); err != nil {
		return "", fmt.Errorf("suite: PostgreSQL at PARLEY_TEST_DATABASE_URL (or %s): %w; run make services", pgschema.DefaultURL, err)
	}
	url, drop, err := pgschema.Create(ctx, s.cfg.DatabaseURL, "parley_bench")
	if err != nil {
		return "", fmt.Errorf("suite: %w", err)
	}
	s.cleanups = append(s.cleanups, func() {
		if err := drop(context.WithoutCancel(ctx)); err != nil {
			s.cfg.Logf("%v", err)
		}
	})
	s.usedPostgres = true
	return url, nil
}

// account provisions a site and an agent token in the store at
// databaseURL, which a running node shares.
func account(ctx context.Context, databaseURL string) (siteKey, token string, err error) {
	st, err := server.OpenStore(ctx, databaseURL)
	if err != nil {
		return "", "", fmt.Errorf("suite: open store: %w", err)
	}
	defer st.Close()
	return admin.BenchAccount(ctx, st)
}
