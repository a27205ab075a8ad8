package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/parley-chat/parley/server/cli"
	"github.com/parley-chat/parley/server/servertest"
)

// TestCommandLineEndToEnd is acceptance point 1 of the core issue: the
// add commands print what they create on their last line, and with those a
// visitor says hello, sends, gets an ack, and receives an agent's REST reply.
func TestCommandLineEndToEnd(t *testing.T) {
	env := map[string]string{"PARLEY_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "data", "parley.db")}
	key := servertest.Run(t, env, "site", "add", "--name", "Shop", "--origin", "https://shop.example")
	password := servertest.Run(t, env, "agent", "add", "--email", "ann@shop.example", "--name", "Ann", "--role", "agent")
	token := servertest.Run(t, env, "token", "add", "--agent", "ann@shop.example")
	if !strings.HasPrefix(key, "pk_") || len(password) < 12 || !strings.HasPrefix(token, "pat_") {
		t.Fatalf("last lines: key %q, password %q, token %q", key, password, token)
	}
	p := servertest.StartProcess(t, "", env)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, p.WS+"/ws/visitor", &websocket.DialOptions{HTTPHeader: http.Header{"Origin": {"https://shop.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	write(ctx, t, c, `{"type":"hello","site":"`+key+`","token":"","resume":{},"page":{"url":"https://shop.example/","title":"Shop","referrer":""},"locale":"en"}`)
	if f := read(ctx, t, c); f["type"] != "welcome" {
		t.Fatalf("want welcome, got %v", f)
	}
	write(ctx, t, c, `{"type":"send","id":"r1","conv":"","cmid":"m1","body":"Do you ship to Norway?"}`)
	ack := read(ctx, t, c)
	if ack["type"] != "ack" || ack["id"] != "r1" || ack["seq"] != 1.0 {
		t.Fatalf("want ack seq 1, got %v", ack)
	}
	conv := ack["conv"].(string)

	body := `{"body":"Yes, in 3 days.","cmid":"a1"}`
	req, _ := http.NewRequest(http.MethodPost, p.URL+"/api/v1/conversations/"+conv+"/messages", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("REST reply: HTTP %d", resp.StatusCode)
	}
	m := read(ctx, t, c)
	msg, _ := m["msg"].(map[string]any)
	if m["type"] != "message" || m["seq"] != 2.0 || msg["body"] != "Yes, in 3 days." {
		t.Fatalf("want the agent's message as seq 2, got %v", m)
	}
	if author := msg["author"].(map[string]any); author["kind"] != "agent" || author["name"] != "Ann" {
		t.Fatalf("author %v", author)
	}
}

func TestUsageAndBadInput(t *testing.T) {
	var out, errb bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "PARLEY_DATABASE_URL" {
			return "sqlite:" + filepath.Join(t.TempDir(), "p.db")
		}
		return ""
	}}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "usage: parley"},
		{[]string{"site", "add", "--name", "X", "--origin", "shop.example"}, 1, "is not an origin"},
		{[]string{"agent", "add", "--email", "nope", "--role", "agent"}, 1, "is not an email address"},
		{[]string{"agent", "add", "--email", "a@b.example", "--role", "king"}, 1, "must be owner, admin or agent"},
		{[]string{"token", "add", "--agent", "ghost@b.example"}, 1, "not found"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			errb.Reset()
			if code := cli.Run(context.Background(), tt.args, env); code != tt.code || !strings.Contains(errb.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errb.String(), tt.code, tt.want)
			}
		})
	}
}

func write(ctx context.Context, t *testing.T, c *websocket.Conn, s string) {
	t.Helper()
	if err := c.Write(ctx, websocket.MessageText, []byte(s)); err != nil {
		t.Fatal(err)
	}
}

func read(ctx context.Context, t *testing.T, c *websocket.Conn) map[string]any {
	t.Helper()
	for {
		_, b, err := c.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var f map[string]any
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		if f["type"] != "presence" {
			return f
		}
	}
}

// TestBenchHelp: parley bench --help names every flag of the load generator.
func TestBenchHelp(t *testing.T) {
	var out, errb bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := cli.Run(context.Background(), []string{"bench", "--help"}, env); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	for _, flag := range []string{"-url", "-site", "-token", "-setup", "-visitors", "-agents", "-rate", "-duration", "-idle", "-json", "-storm", "-restart-cmd", "-min-backoff", "-max-backoff"} {
		if help := errb.String(); !strings.Contains(help, "\n  "+flag+" ") && !strings.Contains(help, "\n  "+flag+"\n") {
			t.Errorf("bench --help lacks %s:\n%s", flag, errb.String())
		}
	}
}
