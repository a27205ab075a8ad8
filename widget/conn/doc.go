// Package conn is Parley's reconnecting WebSocket client, for visitors
// (/ws/visitor) and agents (/ws/agent). The go-app widget and console use
// it compiled to js/wasm; server tests and the load generator use it
// natively. It imports no server code.
//
// A Client keeps one socket open (Run), says hello with a resume map
// naming every conversation it tracks, and turns what arrives into Events
// that are exactly what a user should see: per conversation, every message
// once, in seq order, with no holes. Duplicates (seq ≤ last seen) are
// dropped; a message beyond a gap is held back while history requests fill
// the gap. The client's own messages arrive as EventAck, never as
// EventMessage.
//
// Sends are queued (Send), written at once when online and re-sent with
// the same cmid after every welcome until acked, so a retried send never
// makes a second message. rate_limited and unavailable errors are retried
// after retry_after_ms; other errors drop the send with EventSendFailed.
// Sends go out in the order they were made, except that a send waiting out
// a retry_after_ms does not hold back later ones.
//
// Concurrency: every method is safe for concurrent use. OnEvent is called
// from one goroutine of the client, in order, while the client holds no
// lock, so it may call any method; but it delays every later event while
// it runs, so it must not wait (SendWait, History) there.
//
// Under js/wasm the browser cannot send headers or control pings, so the
// client authenticates in hello and heartbeats with ping frames; and since
// coder/websocket v1.8 does not expose close codes there (its Read returns
// net.ErrClosed), a 4001 is only recognised by an unauthorized error frame
// (no id, or the hello's id) sent before the close; without one the client
// keeps reconnecting with backoff.
package conn
