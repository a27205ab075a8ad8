package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/loadgen"
	"github.com/parley-chat/parley/server/store"
)

// errDelivery makes bench exit non-zero after printing its report.
var errDelivery = errors.New("bench: the delivery checker found lost, duplicated or missing messages")

func bench(ctx context.Context, cfg config.Config, args []string, env Env) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	urls := fs.String("url", "ws://127.0.0.1:8080", "node base URLs, comma-separated; clients are spread over them round-robin")
	var lc loadgen.Config
	fs.StringVar(&lc.SiteKey, "site", "", "site key visitors chat on")
	fs.StringVar(&lc.Token, "token", "", "agent API token the agents sign in with")
	setup := fs.Bool("setup", false, "create a site, an agent and a token in the PARLEY_DATABASE_URL store first")
	fs.IntVar(&lc.Visitors, "visitors", 100, "visitors that converse")
	fs.IntVar(&lc.Agents, "agents", 10, "agent connections that answer")
	fs.IntVar(&lc.Idle, "idle", 0, "extra visitor sockets that only say hello")
	fs.Float64Var(&lc.Rate, "rate", 100, "visitor messages per second, in total")
	fs.DurationVar(&lc.Duration, "duration", 10*time.Second, "how long visitors send")
	fs.DurationVar(&lc.Timeout, "timeout", time.Minute, "bound on connecting and on settling")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lc.URLs = strings.Split(*urls, ",")
	if *setup {
		if err := benchSetup(ctx, cfg, &lc); err != nil {
			return err
		}
	}
	lc.Logf = func(format string, args ...any) { fmt.Fprintf(env.Stderr, "bench: "+format+"\n", args...) }
	r, err := loadgen.Run(ctx, lc)
	if err != nil {
		return err
	}
	if *asJSON {
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
