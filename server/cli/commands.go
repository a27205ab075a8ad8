package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/parley-chat/parley/server"
	"github.com/parley-chat/parley/server/admin"
	"github.com/parley-chat/parley/server/config"
	"github.com/parley-chat/parley/server/demo"
	"github.com/parley-chat/parley/server/store"
)

// serveGCPercent is a node's GOGC unless GOGC is set. A node's live heap
// is small beside what it allocates for each message, so at the default
// 100 it collected several times a second under load, 5–7 % of its CPU;
// 200 halves the collections for a heap that may grow to three times the
// live one instead of two.
const serveGCPercent = 200

func serve(ctx context.Context, cfg config.Config, env Env) error {
	log := logger(cfg, env.Stderr)
	if env.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	if err := ensureDataDir(cfg.DatabaseURL); err != nil {
		return err
	}
	s, err := server.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	if cfg.Demo {
		origins := []string{cfg.PublicOrigin()}
		if o := cfg.DemoOrigin(); o != "" {
			origins = append(origins, o)
		}
		demo, created, err := admin.Bootstrap(ctx, s.Store, origins)
		if err != nil {
			_ = s.Close()
			return err
		}
		if created {
			printDemo(env.Stdout, cfg, demo)
		}
	}
	if err := serveDemo(ctx, cfg, s, log); err != nil {
		_ = s.Close()
		return err
	}
	if err := servePprof(ctx, cfg.PprofAddr, log); err != nil {
		_ = s.Close()
		return err
	}
	log.Info("parley listening", "addr", cfg.Addr, "public_url", cfg.PublicURL, "database", redactURL(cfg.DatabaseURL))
	return s.ListenAndServe(ctx)
}

// serveDemo starts the demo shop on PARLEY_DEMO_ADDR, embedding the chat of
// the site that allows the demo's origin.
func serveDemo(ctx context.Context, cfg config.Config, s *server.Server, log *slog.Logger) error {
	origin := cfg.DemoOrigin()
	if origin == "" {
		return nil
	}
	sites, err := s.Store.ListSites(ctx)
	if err != nil {
		return err
	}
	var key string
	for _, site := range sites {
		if slices.Contains(site.Origins, origin) {
			key = site.Key
			break
		}
	}
	if key == "" {
		log.Warn("demo shop off: no site allows its origin", "origin", origin)
		return nil
	}
	l, err := net.Listen("tcp", cfg.DemoAddr)
	if err != nil {
		return fmt.Errorf("demo shop: %w", err)
	}
	srv := &http.Server{Handler: demo.New(filepath.Join(cfg.StaticDir, "demo"), cfg.PublicOrigin(), key), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	go func() { <-ctx.Done(); _ = srv.Close() }()
	log.Info("demo shop with the chat embedded", "url", origin)
	return nil
}

func printDemo(w io.Writer, cfg config.Config, d admin.Demo) {
	fmt.Fprintf(w, `
First start: created a demo site and an owner account.

  site key        %s
  owner           %s
  password        %s   (shown once)
  API token       %s   (shown once)

Try it:
  agent console:  %s/console/   (sign in as %s)
  REST:           curl -H 'Authorization: Bearer %s' %s/api/v1/conversations
  embed snippet:  <script async src="%s/widget.js" data-site="%s"></script>
%s
`, d.Site.Key, d.OwnerEmail, d.OwnerPassword, d.Token, cfg.PublicURL, d.OwnerEmail, d.Token, cfg.PublicURL, cfg.PublicURL, d.Site.Key, demoLine(cfg))
}

func demoLine(cfg config.Config) string {
	if o := cfg.DemoOrigin(); o != "" {
		return "  demo shop:      " + o + "/   (the chat embedded in a customer's page)\n"
	}
	return ""
}

func migrate(ctx context.Context, cfg config.Config, env Env) error {
	if err := ensureDataDir(cfg.DatabaseURL); err != nil {
		return err
	}
	st, err := server.OpenStore(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "migrations applied")
	return st.Close()
}

// strings is a repeatable flag.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

func siteAdd(ctx context.Context, cfg config.Config, args []string, env Env) error {
	fs := flag.NewFlagSet("site add", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	name := fs.String("name", "", "site name")
	var origins stringsFlag
	fs.Var(&origins, "origin", "allowed origin such as https://shop.example (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withStore(ctx, cfg, func(st store.Store) error {
		s, err := admin.CreateSite(ctx, st, *name, origins)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "site %q created (id %s)\n%s\n", s.Name, s.ID, s.Key)
		return nil
	})
}

func agentAdd(ctx context.Context, cfg config.Config, args []string, env Env) error {
	fs := flag.NewFlagSet("agent add", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	email := fs.String("email", "", "email address (the sign-in name)")
	name := fs.String("name", "", "display name")
	role := fs.String("role", store.RoleAgent, "owner, admin or agent")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withStore(ctx, cfg, func(st store.Store) error {
		a, password, err := admin.AddAgent(ctx, st, *email, *name, *role)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "agent %s (%s) created; one-time password:\n%s\n", a.Email, a.Role, password)
		return nil
	})
}

func tokenAdd(ctx context.Context, cfg config.Config, args []string, env Env) error {
	fs := flag.NewFlagSet("token add", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	email := fs.String("agent", "", "email of the agent the token acts as")
	name := fs.String("name", "cli", "a label for the token")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withStore(ctx, cfg, func(st store.Store) error {
		token, err := admin.AddToken(ctx, st, *email, *name)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "API token for %s (shown once):\n%s\n", *email, token)
		return nil
	})
}

func withStore(ctx context.Context, cfg config.Config, fn func(store.Store) error) error {
	if err := ensureDataDir(cfg.DatabaseURL); err != nil {
		return err
	}
	st, err := server.OpenStore(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// ensureDataDir creates the directory of an SQLite file.
func ensureDataDir(url string) error {
	path, ok := strings.CutPrefix(url, "sqlite:")
	if !ok {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	return nil
}

// redactURL hides a password in a database URL for logging.
func redactURL(u string) string {
	if at := strings.LastIndex(u, "@"); at > 0 {
		if i := strings.Index(u, "://"); i > 0 && i < at {
			return u[:i+3] + "…" + u[at:]
		}
	}
	return u
}
