package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestShellRestart: the command runs under sh with its output on stderr; a
// failure is an error; a background child holding the output open does
// not hold the restart up for longer than restartOutputWait.
func TestShellRestart(t *testing.T) {
	var errb bytes.Buffer
	env := Env{Stdout: &errb, Stderr: &errb}
	marker := filepath.Join(t.TempDir(), "restarted")
	if err := shellRestart("echo restarting; touch "+marker, env)(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); err != nil || !strings.Contains(errb.String(), "restarting") {
		t.Fatalf("command not run: %v, output %q", err, errb.String())
	}
	if err := shellRestart("exit 3", env)(context.Background()); err == nil || !strings.Contains(err.Error(), "--restart-cmd") {
		t.Fatalf("a failing command gave %v", err)
	}
	start := time.Now()
	if err := shellRestart("sleep 5 & echo started", env)(context.Background()); err != nil {
		t.Fatalf("a background child: %v", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Fatalf("a background child held the restart for %v", d)
	}
}

func TestBenchStormNeedsRestartCmd(t *testing.T) {
	var errb bytes.Buffer
	env := Env{Stdout: &errb, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := Run(context.Background(), []string{"bench", "--storm", "10"}, env); code != 1 || !strings.Contains(errb.String(), "--restart-cmd") {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
}
