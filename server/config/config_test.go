package config

import (
	"os"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) Getenv { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DatabaseURL != "sqlite:./data/parley.db" || c.RedisURL != "" || c.PublicURL != "http://localhost:8080" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.ShutdownGrace != 15*time.Second || !c.Demo || c.PprofAddr != "" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c, _ := FromEnv(env(map[string]string{"PARLEY_PPROF_ADDR": " 127.0.0.1:6060 "})); c.PprofAddr != "127.0.0.1:6060" {
		t.Fatalf("PARLEY_PPROF_ADDR read as %q", c.PprofAddr)
	}
}

func TestErrorsNameTheVariable(t *testing.T) {
	tests := []struct{ key, value string }{
		{"PARLEY_DATABASE_URL", "mysql://x"},
		{"PARLEY_REDIS_URL", "localhost:6379"},
		{"PARLEY_SHUTDOWN_GRACE", "soon"},
		{"PARLEY_VISITOR_RATE", "many"},
		{"PARLEY_VISITOR_RATE", "0"},
		{"PARLEY_PUBLIC_URL", "ftp://x"},
		{"PARLEY_LOG_LEVEL", "loud"},
		{"PARLEY_DEMO", "maybe"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			_, err := FromEnv(env(map[string]string{tt.key: tt.value}))
			if err == nil || !strings.Contains(err.Error(), tt.key) {
				t.Fatalf("error %v does not name %s", err, tt.key)
			}
		})
	}
}

func TestSecretFromFile(t *testing.T) {
	path := t.TempDir() + "/db"
	if err := os.WriteFile(path, []byte("sqlite:/tmp/x.db\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := FromEnv(env(map[string]string{"PARLEY_DATABASE_URL_FILE": path}))
	if err != nil || c.DatabaseURL != "sqlite:/tmp/x.db" {
		t.Fatalf("got %q, %v", c.DatabaseURL, err)
	}
}
