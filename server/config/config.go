// Package config reads Parley's configuration from PARLEY_* environment
// variables. Secrets may come from files named by the _FILE variants.
package config

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything a node needs to start.
type Config struct {
	Addr           string        // PARLEY_ADDR, listen address (:8080)
	PublicURL      string        // PARLEY_PUBLIC_URL, how browsers reach this server
	DatabaseURL    string        // PARLEY_DATABASE_URL, sqlite:PATH or postgres://…
	RedisURL       string        // PARLEY_REDIS_URL, empty for a single node
	RedisSharded   bool          // PARLEY_REDIS_SHARDED, sharded pub/sub (SPUBLISH, Redis 7+) (false)
	RedisCluster   bool          // PARLEY_REDIS_CLUSTER, PARLEY_REDIS_URL names a Redis Cluster (false)
	AgentOrigins   []string      // PARLEY_AGENT_ORIGINS, extra origins for /ws/agent
	ShutdownGrace  time.Duration // PARLEY_SHUTDOWN_GRACE (15s)
	VisitorRate    int           // PARLEY_VISITOR_RATE, messages per minute per visitor (60)
	VisitorBurst   int           // PARLEY_VISITOR_BURST (20)
	NewVisitorRate int           // PARLEY_NEW_VISITOR_RATE, new visitors per minute per IP (120)
	ReplyTimeS     int           // PARLEY_REPLY_TIME, seconds shown to visitors (120)
	LogLevel       slog.Level    // PARLEY_LOG_LEVEL debug|info|warn|error (info)
	Demo           bool          // PARLEY_DEMO, create a demo site and owner on first start (true)
	DemoAddr       string        // PARLEY_DEMO_ADDR, serve the demo shop here ("" = off)
	AssetsDir      string        // PARLEY_ASSETS_DIR, built browser assets (static/dist)
	StaticDir      string        // PARLEY_STATIC_DIR, static sources such as the demo shop (static)
	SnoozeScan     time.Duration // PARLEY_SNOOZE_SCAN, how often snoozed conversations are woken (15s)
	PprofAddr      string        // PARLEY_PPROF_ADDR, serve net/http/pprof here ("" = off); keep it private
}

// Getenv looks a variable up; os.Getenv in production, a map in tests.
type Getenv func(string) string

// FromEnv reads the configuration and validates it.
func FromEnv(getenv Getenv) (Config, error) {
	r := reader{getenv: getenv}
	c := Config{
		Addr:           r.str("PARLEY_ADDR", ":8080"),
		DatabaseURL:    r.secret("PARLEY_DATABASE_URL", "sqlite:./data/parley.db"),
		RedisURL:       r.secret("PARLEY_REDIS_URL", ""),
		RedisSharded:   r.boolean("PARLEY_REDIS_SHARDED", false),
		RedisCluster:   r.boolean("PARLEY_REDIS_CLUSTER", false),
		AgentOrigins:   r.list("PARLEY_AGENT_ORIGINS"),
		ShutdownGrace:  r.duration("PARLEY_SHUTDOWN_GRACE", 15*time.Second),
		VisitorRate:    r.integer("PARLEY_VISITOR_RATE", 60),
		VisitorBurst:   r.integer("PARLEY_VISITOR_BURST", 20),
		NewVisitorRate: r.integer("PARLEY_NEW_VISITOR_RATE", 120),
		ReplyTimeS:     r.integer("PARLEY_REPLY_TIME", 120),
		LogLevel:       r.level("PARLEY_LOG_LEVEL"),
		Demo:           r.boolean("PARLEY_DEMO", true),
		DemoAddr:       r.str("PARLEY_DEMO_ADDR", ""),
		AssetsDir:      r.str("PARLEY_ASSETS_DIR", "static/dist"),
		StaticDir:      r.str("PARLEY_STATIC_DIR", "static"),
		SnoozeScan:     r.duration("PARLEY_SNOOZE_SCAN", 15*time.Second),
		PprofAddr:      r.str("PARLEY_PPROF_ADDR", ""),
	}
	c.PublicURL = strings.TrimSuffix(r.str("PARLEY_PUBLIC_URL", "http://localhost"+portOf(c.Addr)), "/")
	if r.err != nil {
		return Config{}, r.err
	}
	return c, c.Validate()
}

// Validate names the first bad variable.
func (c Config) Validate() error {
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("config: PARLEY_PUBLIC_URL %q must be an http(s) URL", c.PublicURL)
	}
	if !strings.HasPrefix(c.DatabaseURL, "sqlite:") && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return fmt.Errorf("config: PARLEY_DATABASE_URL must start with sqlite: or postgres://")
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		return fmt.Errorf("config: PARLEY_REDIS_URL must start with redis:// or rediss://")
	}
	if c.VisitorRate <= 0 || c.VisitorBurst <= 0 {
		return fmt.Errorf("config: PARLEY_VISITOR_RATE and PARLEY_VISITOR_BURST must be positive")
	}
	if c.NewVisitorRate <= 0 {
		return fmt.Errorf("config: PARLEY_NEW_VISITOR_RATE must be positive")
	}
	return nil
}

// DemoOrigin is the origin browsers reach the demo shop at: the public
// URL's host on the demo port.
func (c Config) DemoOrigin() string {
	if c.DemoAddr == "" {
		return ""
	}
	u, err := url.Parse(c.PublicURL)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Hostname() + portOf(c.DemoAddr)
}

// PublicOrigin is PublicURL's scheme://host[:port].
func (c Config) PublicOrigin() string {
	u, err := url.Parse(c.PublicURL)
	if err != nil {
		return c.PublicURL
	}
	return u.Scheme + "://" + u.Host
}

func portOf(addr string) string {
	if i := strings.LastIndex(addr, ":"); i >= 0 {
		return addr[i:]
	}
	return ""
}

// reader collects the first parse error so FromEnv stays linear.
type reader struct {
	getenv Getenv
	err    error
}

func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

// secret reads NAME, or the file named by NAME_FILE.
func (r *reader) secret(name, def string) string {
	if path := r.getenv(name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil && r.err == nil {
			r.err = fmt.Errorf("config: %s_FILE: %w", name, err)
		}
		return strings.TrimSpace(string(b))
	}
	return r.str(name, def)
}

func (r *reader) list(name string) []string {
	var out []string
	for _, v := range strings.Split(r.getenv(name), ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, strings.TrimSuffix(v, "/"))
		}
	}
	return out
}

func (r *reader) integer(name string, def int) int {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("config: %s=%q is not a whole number", name, v)
	}
	return n
}

func (r *reader) duration(name string, def time.Duration) time.Duration {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("config: %s=%q is not a duration such as 15s", name, v)
	}
	return d
}

func (r *reader) boolean(name string, def bool) bool {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("config: %s=%q is not true or false", name, v)
	}
	return b
}

func (r *reader) level(name string) slog.Level {
	var l slog.Level
	if v := r.str(name, "info"); l.UnmarshalText([]byte(v)) != nil && r.err == nil {
		r.err = fmt.Errorf("config: %s=%q is not one of debug, info, warn, error", name, v)
	}
	return l
}
