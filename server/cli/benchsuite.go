package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/parley-chat/parley/server/bench/suite"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/internal/pgschema"
)

// benchSuite runs `parley bench suite`: every load scenario on the
// bare-stack relay and on Parley, one table of both (see server/bench/suite).
func benchSuite(ctx context.Context, _ config.Config, args []string, env Env) error {
	sc, out, asJSON, err := suiteFlags(args, env)
	if err != nil {
		return err
	}
	if sc.Exe, err = os.Executable(); err != nil {
		return fmt.Errorf("bench suite: %w", err)
	}
	sc.Logf = func(format string, args ...any) { fmt.Fprintf(env.Stderr, "bench suite: "+format+"\n", args...) }
	loadGC(env) // the suite drives the load itself
	res, runErr := suite.Run(ctx, sc)
	if res == nil {
		return runErr
	}
	if err := writeSuite(res, out, asJSON, env); err != nil {
		return errors.Join(runErr, err)
	}
	if runErr != nil {
		return runErr
	}
	if !res.OK() {
		return fmt.Errorf("bench suite: runs failed or lost messages:\n  %s", strings.Join(res.Failed(), "\n  "))
	}
	return nil
}

func suiteFlags(args []string, env Env) (sc suite.Config, out string, asJSON bool, err error) {
	fs := flag.NewFlagSet("bench suite", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	only := fs.String("only", "", "comma-separated scenarios to run, of "+strings.Join(suite.Scenarios, ","))
	fs.IntVar(&sc.IdleSockets, "idle", 19500, "a: sockets held on one node (clamped to the open-files limit)")
	fs.IntVar(&sc.Pairs, "pairs", 100, "b: relay sender/receiver pairs and Parley visitors, at least (more as the rate needs)")
	fs.IntVar(&sc.RatePairs, "rate-pairs", 100, "c: the same for the rate steps")
	fs.IntVar(&sc.Agents, "agents", 2, "b, c: Parley agents")
	fs.Float64Var(&sc.CrossRate, "cross-rate", 2000, "b: messages per second through two nodes (Parley: visitor messages plus replies)")
	fs.DurationVar(&sc.CrossDuration, "cross-duration", 20*time.Second, "b: how long to send")
	// c's figure is what the last step within 95 % achieved, so it always
	// falls below that step's target: the steps are 1,000 apart around the
	// 10,000 budget so that the grid does not hide up to 2,000 msg/s.
	steps := fs.String("steps", "1000,2000,4000,5000,6000,7000,8000,9000,10000,11000,12000,14000,16000,20000", "c: target rates tried in turn, msg/s")
	fs.DurationVar(&sc.StepDuration, "step-duration", 8*time.Second, "c: how long each step sends")
	fs.IntVar(&sc.StormClients, "storm", 10000, "d: clients held through a node restart")
	fs.DurationVar(&sc.Timeout, "timeout", time.Minute, "bound on connecting and on settling, per run")
	fs.StringVar(&sc.DatabaseURL, "database", "", "PostgreSQL for b (default $PARLEY_TEST_DATABASE_URL, else "+pgschema.DefaultURL+")")
	fs.StringVar(&out, "out", "", "also write the results as Markdown to this file")
	fs.BoolVar(&asJSON, "json", false, "print the results as JSON, with every run's report")
	if err = fs.Parse(args); err != nil {
		return sc, "", false, err
	}
	if *only != "" {
		sc.Only = strings.Split(*only, ",")
	}
	if sc.Steps, err = parseRates(*steps); err != nil {
		return sc, "", false, err
	}
	if sc.DatabaseURL == "" {
		sc.DatabaseURL = cmp.Or(env.Getenv("PARLEY_TEST_DATABASE_URL"), pgschema.DefaultURL)
	}
	return sc, out, asJSON, nil
}

func parseRates(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("bench suite: --steps: %q is not a positive rate", f)
		}
		out = append(out, v)
	}
	return out, nil
}

func writeSuite(res *suite.Results, out string, asJSON bool, env Env) error {
	var err error
	if asJSON {
		err = res.WriteJSON(env.Stdout)
	} else {
		err = res.WriteText(env.Stdout)
	}
	if err != nil || out == "" {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("bench suite: %w", err)
	}
	if err := res.WriteMarkdown(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
