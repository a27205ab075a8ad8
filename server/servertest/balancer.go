package servertest

import (
	"io"
	"net"
	"sync"
	"testing"
)

// Balancer is a TCP load balancer for tests: it hands each connection to
// the next backend that accepts a dial, round robin, as a load balancer in
// front of several nodes does. It can also cut every connection it carries,
// which looks to both ends like the network dropping.
type Balancer struct {
	Addr string // 127.0.0.1:PORT
	URL  string // http://Addr
	WS   string // ws://Addr

	l        net.Listener
	mu       sync.Mutex
	backends []string
	next     int
	conns    map[net.Conn]struct{}
}

// StartBalancer balances over backends (host:port) until the test ends.
func StartBalancer(t testing.TB, backends ...string) *Balancer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &Balancer{Addr: l.Addr().String(), l: l, backends: backends, conns: map[net.Conn]struct{}{}}
	b.URL, b.WS = "http://"+b.Addr, "ws://"+b.Addr
	go b.accept()
	t.Cleanup(func() { _ = l.Close(); b.Cut() })
	return b
}

// Cut closes every connection the balancer carries now.
func (b *Balancer) Cut() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.conns {
		_ = c.Close()
	}
}

func (b *Balancer) accept() {
	for {
		c, err := b.l.Accept()
		if err != nil {
			return
		}
		go b.carry(c)
	}
}

// carry dials a backend for client c and copies both ways until either
// side closes.
func (b *Balancer) carry(c net.Conn) {
	up := b.dial()
	if up == nil {
		_ = c.Close()
		return
	}
	b.track(c, up, true)
	defer b.track(c, up, false)
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		_ = dst.Close()
		_ = src.Close()
		done <- struct{}{}
	}
	go pipe(up, c)
	go pipe(c, up)
	<-done
	<-done
}

// dial returns a connection to the first live backend from the next one
// round robin, nil when none answers.
func (b *Balancer) dial() net.Conn {
	b.mu.Lock()
	start := b.next
	b.next = (b.next + 1) % len(b.backends)
	b.mu.Unlock()
	for i := range b.backends {
		if up, err := net.Dial("tcp", b.backends[(start+i)%len(b.backends)]); err == nil {
			return up
		}
	}
	return nil
}

func (b *Balancer) track(c, up net.Conn, on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if on {
		b.conns[c], b.conns[up] = struct{}{}, struct{}{}
	} else {
		delete(b.conns, c)
		delete(b.conns, up)
	}
}
