package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/loadgen"
	"github.com/parley-chat/parley/server/store"
)

// errDelivery makes bench exit non-zero after printing its report.
var errDelivery = errors.New("bench: the delivery checker found lost, duplicated or missing messages, or a storm's clients did not all come back")

// benchGCPercent is the load generator's GOGC unless GOGC is set. Its
// delivery checker holds every message of a run, and at the default 100
// collecting that heap took an eighth of the CPU the load generator shares
// with the node it measures.
const benchGCPercent = 400

// loadGC sets a load generator's GOGC (see benchGCPercent).
func loadGC(env Env) {
	if env.Getenv("GOGC") == "" {
		debug.SetGCPercent(benchGCPercent)
	}
}

func bench(ctx context.Context, cfg config.Config, args []string, env Env) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	urls := fs.String("url", "ws://127.0.0.1:8080", "node base URLs, comma-separated; clients are spread over them round-robin")
	var lc loadgen.Config
	fs.StringVar(&lc.SiteKey, "site", "", "site key visitors chat on")
	fs.StringVar(&lc.Token, "token", "", "agent API token the agents sign in with")
	setup := fs.Bool("setup", false, "create a site, an agent and a token in the PARLEY_DATABASE_URL store first")
	fs.IntVar(&lc.Visitors, "visitors", 100, "visitors that converse")
	fs.IntVar(&lc.Agents, "agents", 10, "agent connections that answer (a storm's default: 2)")
	fs.IntVar(&lc.Idle, "idle", 0, "extra visitor sockets that only say hello")
	fs.BoolVar(&lc.Split, "split", false, "visitors on the first --url, agents on the last, so every message crosses nodes")
	fs.Float64Var(&lc.Rate, "rate", 100, "visitor messages per second, in total")
	fs.DurationVar(&lc.Duration, "duration", 10*time.Second, "how long visitors send")
	fs.DurationVar(&lc.Timeout, "timeout", time.Minute, "bound on connecting and on settling (a storm's default: 2m)")
	fs.DurationVar(&lc.MinBackoff, "min-backoff", 0, "clients' least reconnect wait (default 50ms; a storm's: the widget's 250ms)")
	fs.DurationVar(&lc.MaxBackoff, "max-backoff", 0, "clients' longest reconnect wait (default 1s; a storm's: the widget's 10s)")
	storm := fs.Int("storm", 0, "instead of a run, a reconnect storm: this many visitors, then the first node is restarted with --restart-cmd")
	restartCmd := fs.String("restart-cmd", "", "storm: shell command (sh -c) that restarts the node on the same address and database; "+
		"it may return before the node is back, and should redirect a node it starts in the background")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lc.URLs = strings.Split(*urls, ",")
	if *storm > 0 && *restartCmd == "" {
		return errors.New("bench: --storm needs --restart-cmd")
	}
	if *setup {
		if err := benchSetup(ctx, cfg, &lc); err != nil {
			return err
		}
	}
	lc.Logf = func(format string, args ...any) { fmt.Fprintf(env.Stderr, "bench: "+format+"\n", args...) }
	// PARLEY_PPROF_ADDR profiles the load generator as it does a node.
	if err := servePprof(ctx, cfg.PprofAddr, slog.New(slog.NewTextHandler(env.Stderr, nil))); err != nil {
		return err
	}
	loadGC(env)
	var r loadgen.Report
	var err error
	if *storm > 0 {
		r, err = loadgen.Storm(ctx, stormConfig(fs, lc, *storm, *restartCmd, env))
	} else {
		r, err = loadgen.Run(ctx, lc)
	}
	if err != nil {
		return err
	}
	return writeReport(r, *asJSON, env)
}

func writeReport(r loadgen.Report, asJSON bool, env Env) error {
	var err error
	if asJSON {
		err = r.WriteJSON(env.Stdout)
	} else {
		err = r.WriteTable(env.Stdout)
	}
	if err != nil {
		return err
	}
	if !r.OK() {
		return errDelivery
	}
	return nil
}

// benchSetup provisions a site and an agent token of its own for the run.
func benchSetup(ctx context.Context, cfg config.Config, lc *loadgen.Config) error {
	return withStore(ctx, cfg, func(st store.Store) error {
		var err error
		lc.SiteKey, lc.Token, err = admin.BenchAccount(ctx, st)
		return err
	})
}
