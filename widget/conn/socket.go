package conn

import "context"

// socket is the transport under a session: coder/websocket natively, the
// browser's own WebSocket under js/wasm (smaller, and it reports close
// codes, which coder/websocket's js build does not).
type socket interface {
	// Read returns the next text frame. Only the session's reader calls it.
	Read(ctx context.Context) ([]byte, error)
	// Write sends one text frame.
	Write(ctx context.Context, frame []byte) error
	// Close ends the connection: with the close handshake when graceful,
	// else at once where the platform allows.
	Close(graceful bool)
}
