// Package cli implements the parley command line: serve (the default),
// site add, agent add, token add, migrate, bench (the load generator),
// bench suite (every scenario against Parley and the bare-stack relay) and
// relay (that baseline). Every command reads the same PARLEY_* environment
// as serve; each "add" prints what it created alone on the last line of
// stdout so scripts can capture it.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/parley-chat/parley/server/config"
)

// Env is what a command runs with.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         config.Getenv
}

const usage = `usage: parley [command]

commands:
  serve                                   run a node (the default)
  site add --name N --origin URL…         add a site; prints its key
  agent add --email E --name N --role R   add an agent (owner|admin|agent); prints a one-time password
  token add --agent E [--name N]          add an API token for an agent; prints it
  migrate                                 apply database migrations and exit
  bench --url ws://HOST:PORT… [--setup | --site K --token T] [--visitors N --agents M --rate R --duration D --idle I --json]
                                          load a node and report latency, memory per connection and delivery
  bench --url ws://HOST:PORT [--setup | --site K --token T] --storm N --restart-cmd CMD [--agents M --min-backoff D --max-backoff D --json]
                                          reconnect storm: N visitors, CMD (sh -c) restarts the node; report time to resume and delivery
  bench suite [--out FILE --json …]       run every load scenario on Parley and on the bare-stack relay (make bench)
  relay --addr HOST:PORT [--redis URL]    internal: the bare-stack relay bench suite compares Parley with

configuration comes from PARLEY_* environment variables (see README.md).
`

// errUsage asks Run to print the usage.
var errUsage = errors.New("usage")

// Run executes args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, env Env) int {
	err := dispatch(ctx, args, env)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		fmt.Fprint(env.Stderr, usage)
		return 2
	default:
		fmt.Fprintln(env.Stderr, "parley:", err)
		return 1
	}
}

func dispatch(ctx context.Context, args []string, env Env) error {
	cfg, err := config.FromEnv(env.Getenv)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return serve(ctx, cfg, env)
	}
	cmd := strings.Join(args[:min(2, len(args))], " ")
	switch {
	case args[0] == "serve":
		return serve(ctx, cfg, env)
	case args[0] == "migrate":
		return migrate(ctx, cfg, env)
	case cmd == "site add":
		return siteAdd(ctx, cfg, args[2:], env)
	case cmd == "agent add":
		return agentAdd(ctx, cfg, args[2:], env)
	case cmd == "token add":
		return tokenAdd(ctx, cfg, args[2:], env)
	case cmd == "bench suite":
		return benchSuite(ctx, cfg, args[2:], env)
	case args[0] == "bench":
		return bench(ctx, cfg, args[1:], env)
	case args[0] == "relay":
		return relayCmd(ctx, cfg, args[1:], env)
	case args[0] == "help" || args[0] == "-h" || args[0] == "--help":
		fmt.Fprint(env.Stdout, usage)
		return nil
	}
	return errUsage
}

// logger builds the process logger: text on stderr at the configured level.
func logger(cfg config.Config, w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: cfg.LogLevel}))
}

// OSEnv is the environment of the running process.
func OSEnv() Env { return Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv} }
