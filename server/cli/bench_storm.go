package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os/exec"
	"time"

	"github.com/parley-chat/parley/server/loadgen"
)

// stormConfig turns bench's flags into a reconnect storm of n visitors on
// the first node; flags left unset get the storm's own defaults.
func stormConfig(fs *flag.FlagSet, lc loadgen.Config, n int, restartCmd string, env Env) loadgen.StormConfig {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	sc := loadgen.StormConfig{URL: lc.URLs[0], SiteKey: lc.SiteKey, Token: lc.Token, Clients: n, Agents: 2,
		MinBackoff: lc.MinBackoff, MaxBackoff: lc.MaxBackoff, Logf: lc.Logf}
	if set["agents"] {
		sc.Agents = lc.Agents
	}
	if set["timeout"] {
		sc.Timeout = lc.Timeout
	}
	if restartCmd != "" {
		sc.Restart = shellRestart(restartCmd, env)
	}
	return sc
}

// restartOutputWait bounds how long a restart command's output is read
// after it exits: a node it started in the background may keep it open.
const restartOutputWait = time.Second

// shellRestart runs cmdline with sh -c, its output on bench's stderr.
func shellRestart(cmdline string, env Env) func(context.Context) error {
	return func(ctx context.Context) error {
		cmd := exec.CommandContext(ctx, "sh", "-c", cmdline)
		cmd.Stdout, cmd.Stderr = env.Stderr, env.Stderr
		cmd.WaitDelay = restartOutputWait
		if err := cmd.Run(); err != nil && !errors.Is(err, exec.ErrWaitDelay) {
			return fmt.Errorf("bench: --restart-cmd: %w", err)
		}
		return nil
	}
}
