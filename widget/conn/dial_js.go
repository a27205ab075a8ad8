//go:build js

package conn

import (
	"context"
	"fmt"

	"github.com/coder/websocket"
)

// dial opens the socket. Browsers send the page's Origin themselves and
// allow no other headers.
func dial(ctx context.Context, cfg *Config) (*websocket.Conn, error) {
	ws, _, err := websocket.Dial(ctx, cfg.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("conn: dial: %w", err)
	}
	return ws, nil
}

// closeSocket always closes with 1000: browsers have no abrupt close, and
// some (Firefox) reject 1001 from scripts.
func closeSocket(ws *websocket.Conn, _ bool) {
	_ = ws.Close(websocket.StatusNormalClosure, "")
}
