//go:build !js

package conn

import (
	"context"
	"fmt"
	"net/http"

	"github.com/coder/websocket"
)

// dial opens the socket, sending cfg.Origin as the Origin header. A
// handshake refused with 401 or 403 is fatal, like the close codes 4001
// and 1008.
func dial(ctx context.Context, cfg *Config) (*websocket.Conn, error) {
	opts := &websocket.DialOptions{}
	if cfg.Origin != "" {
		opts.HTTPHeader = http.Header{"Origin": {cfg.Origin}}
	}
	ws, resp, err := websocket.Dial(ctx, cfg.URL, opts)
	if err == nil {
		return ws, nil
	}
	if resp != nil {
		switch resp.StatusCode {
		case http.StatusUnauthorized:
			return nil, fmt.Errorf("%w: handshake refused with HTTP 401", ErrUnauthorized)
		case http.StatusForbidden:
			return nil, fmt.Errorf("%w: handshake refused with HTTP 403", ErrPolicy)
		}
	}
	return nil, fmt.Errorf("conn: dial: %w", err)
}

func closeSocket(ws *websocket.Conn, graceful bool) {
	if graceful {
		_ = ws.Close(websocket.StatusNormalClosure, "")
		return
	}
	_ = ws.CloseNow()
}
