package cli

import (
	"context"
	"flag"

	"github.com/parley-chat/parley/server/bench/relay"
	"github.com/parley-chat/parley/server/config"
)

// relayCmd runs the bare-stack baseline relay that `parley bench suite`
// compares Parley with. It reads no PARLEY_* setting but the log level.
func relayCmd(ctx context.Context, cfg config.Config, args []string, env Env) error {
	fs := flag.NewFlagSet("relay", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	addr := fs.String("addr", "127.0.0.1:8090", "host:port to listen on")
	redisURL := fs.String("redis", "", "Redis URL; empty delivers in-process only")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return relay.ListenAndServe(ctx, *addr, relay.Options{RedisURL: *redisURL, Log: logger(cfg, env.Stderr)})
}
