package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/server/cli"
)

// TestBenchSuiteFlags: bench suite --help names its flags, and bad sizes
// are refused before anything starts.
func TestBenchSuiteFlags(t *testing.T) {
	var out, errb bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := cli.Run(context.Background(), []string{"bench", "suite", "--help"}, env); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	for _, flag := range []string{"-only", "-idle", "-pairs", "-rate-pairs", "-agents", "-cross-rate", "-cross-duration",
		"-steps", "-step-duration", "-storm", "-timeout", "-database", "-out", "-json"} {
		if !strings.Contains(errb.String(), "\n  "+flag+" ") && !strings.Contains(errb.String(), "\n  "+flag+"\n") {
			t.Errorf("bench suite --help lacks %s", flag)
		}
	}
	for _, args := range [][]string{{"--steps", "1000,x"}, {"--only", "nope"}, {"--pairs", "0"}} {
		errb.Reset()
		if code := cli.Run(context.Background(), append([]string{"bench", "suite"}, args...), env); code != 1 {
			t.Errorf("bench suite %v: exit %d, want 1; stderr %q", args, code, errb.String())
		}
	}
}
