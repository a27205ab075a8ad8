//go:build !js

package conn

import (
	"context"
	"fmt"
	"net/http"

	"github.com/coder/websocket"
)

// nativeSocket is a coder/websocket connection.
type nativeSocket struct{ ws *websocket.Conn }

// dial opens the socket, sending cfg.Origin as the Origin header. A
// handshake refused with 401 or 403 is fatal, like the close codes 4001
// and 1008.
func dial(ctx context.Context, cfg *Config) (socket, error) {
	opts := &websocket.DialOptions{}
	if cfg.Origin != "" {
		opts.HTTPHeader = http.Header{"Origin": {cfg.Origin}}
	}
	ws, resp, err := websocket.Dial(ctx, cfg.URL, opts)
	if err == nil {
		ws.SetReadLimit(readLimit)
		return nativeSocket{ws}, nil
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

// Read never cancels: in coder/websocket a cancelled Read closes the socket.
func (s nativeSocket) Read(ctx context.Context) ([]byte, error) {
	_, data, err := s.ws.Read(ctx)
	return data, err
}

func (s nativeSocket) Write(ctx context.Context, frame []byte) error {
	return s.ws.Write(ctx, websocket.MessageText, frame)
}

func (s nativeSocket) Close(graceful bool) {
	if graceful {
		_ = s.ws.Close(websocket.StatusNormalClosure, "")
		return
	}
	_ = s.ws.CloseNow()
}

// closeStatus is the close code that ended a connection, or -1.
func closeStatus(err error) int { return int(websocket.CloseStatus(err)) }
