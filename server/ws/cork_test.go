package ws

import (
	"bytes"
	"errors"
	"net"
	"testing"
)

// countingConn records each Write it is given.
type countingConn struct {
	net.Conn
	writes [][]byte
	err    error
}

func (c *countingConn) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.writes = append(c.writes, bytes.Clone(p))
	return len(p), nil
}

func TestCorkConn(t *testing.T) {
	t.Run("uncorked writes go straight through", func(t *testing.T) {
		under := &countingConn{}
		c := &corkConn{Conn: under}
		_, _ = c.Write([]byte("a"))
		_, _ = c.Write([]byte("b"))
		if len(under.writes) != 2 {
			t.Fatalf("writes = %d, want 2", len(under.writes))
		}
		if err := c.uncork(); err != nil {
			t.Fatalf("uncork without cork: %v", err)
		}
	})
	t.Run("corked writes go out together on uncork", func(t *testing.T) {
		under := &countingConn{}
		c := &corkConn{Conn: under}
		c.cork()
		for _, s := range []string{"one", "two", "three"} {
			if n, err := c.Write([]byte(s)); n != len(s) || err != nil {
				t.Fatalf("Write(%q) = %d, %v", s, n, err)
			}
		}
		if len(under.writes) != 0 {
			t.Fatalf("corked: %d writes reached the connection", len(under.writes))
		}
		if err := c.uncork(); err != nil {
			t.Fatal(err)
		}
		if len(under.writes) != 1 || string(under.writes[0]) != "onetwothree" {
			t.Fatalf("writes = %q, want one write of onetwothree", under.writes)
		}
		_, _ = c.Write([]byte("after"))
		if len(under.writes) != 2 {
			t.Fatal("a write after uncork was held")
		}
	})
	t.Run("a full cork writes early", func(t *testing.T) {
		under := &countingConn{}
		c := &corkConn{Conn: under}
		c.cork()
		_, _ = c.Write(make([]byte, maxCorked))
		_, _ = c.Write([]byte("tail"))
		if err := c.uncork(); err != nil {
			t.Fatal(err)
		}
		if len(under.writes) != 2 || len(under.writes[0]) != maxCorked || string(under.writes[1]) != "tail" {
			t.Fatalf("got %d writes, want the full buffer then the tail", len(under.writes))
		}
	})
	t.Run("a failed write is reported and ends the cork", func(t *testing.T) {
		boom := errors.New("boom")
		under := &countingConn{err: boom}
		c := &corkConn{Conn: under}
		c.cork()
		_, _ = c.Write([]byte("lost"))
		if err := c.uncork(); !errors.Is(err, boom) {
			t.Fatalf("uncork = %v, want boom", err)
		}
		if _, err := c.Write([]byte("x")); !errors.Is(err, boom) {
			t.Fatalf("Write after = %v, want boom from the connection", err)
		}
	})
}
