package ws_test

import (
	"bufio"
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/server/servertest"
)

// TestHelloWithUpgrade sends the upgrade request and the hello frame in
// one write, so net/http has read the hello before the socket is
// hijacked. The smaller buffers that replace net/http's must keep those
// early bytes: the client gets its welcome.
func TestHelloWithUpgrade(t *testing.T) {
	n := servertest.Start(t, servertest.Options{})
	c, err := net.Dial("tcp", strings.TrimPrefix(n.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	req := "GET /ws/visitor HTTP/1.1\r\nHost: " + strings.TrimPrefix(n.URL, "http://") + "\r\n" +
		"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
	hello := `{"type":"hello","site":"` + n.SiteKey + `","token":""}`
	if _, err := c.Write(append([]byte(req), maskedText(hello)...)); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status %d, want 101", resp.StatusCode)
	}
	frame := readFrame(t, br)
	if !strings.Contains(frame, `"type":"welcome"`) {
		t.Fatalf("first frame %q, want a welcome", frame)
	}
}

// maskedText is a client's text frame (clients must mask).
func maskedText(payload string) []byte {
	key := [4]byte{1, 2, 3, 4}
	b := []byte{0x81}
	switch n := len(payload); {
	case n < 126:
		b = append(b, 0x80|byte(n))
	default:
		b = append(b, 0x80|126, byte(n>>8), byte(n))
	}
	b = append(b, key[:]...)
	for i := range len(payload) {
		b = append(b, payload[i]^key[i%4])
	}
	return b
}

// readFrame reads one unmasked server frame of up to 64 KiB.
func readFrame(t *testing.T, r io.Reader) string {
	t.Helper()
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		t.Fatal(err)
	}
	n := int(h[1] & 0x7f)
	if n == 126 {
		var ext [2]byte
		if _, err := io.ReadFull(r, ext[:]); err != nil {
			t.Fatal(err)
		}
		n = int(binary.BigEndian.Uint16(ext[:]))
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		t.Fatal(err)
	}
	return string(p)
}
