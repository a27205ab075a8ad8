package suite

import (
	"context"
	"fmt"
	"time"

	"github.com/parley-chat/parley/server/bench/relayload"
	"github.com/parley-chat/parley/server/loadgen"
)

// fdMargin is what a process needs besides its sockets: listeners, the
// database, Redis, HTTP clients.
const fdMargin = 300

// idle (a): as many sockets as the open-files limit allows on one node,
// resident bytes per socket once all are connected. A few pairs (visitors
// and agents for Parley) talk at a trickle among them.
func (s *suite) idle(ctx context.Context) {
	n := s.sockets(s.cfg.IdleSockets, "idle sockets")
	label := fmt.Sprintf("%d sockets, one node", n)
	var baseHeld, baseRSS, parleyHeld, parleyRSS *float64
	if p, err := s.startRelay(ctx, ""); err != nil {
		s.startFailed(Idle, "relay", err)
	} else {
		r, ok := s.relayRun(ctx, Idle, label, relayload.Config{URLs: []string{p.url()}, Pairs: 5, Idle: n - 10,
			Rate: 50, Duration: 2 * time.Second})
		stop(p)
		if ok {
			baseHeld, baseRSS = ptr(r.Nodes[0].SocketsOpen), ptr(r.Nodes[0].RSSPerConn)
		}
	}
	db := s.sqliteURL("idle")
	if p, err := s.startParley(ctx, db, ""); err != nil {
		s.startFailed(Idle, "parley", err)
	} else {
		r, ok := s.parleyRun(ctx, Idle, label, db, loadgen.Config{URLs: []string{p.url()}, Visitors: 10, Agents: 2,
			Idle: n - 12, Rate: 20, Duration: 2 * time.Second})
		stop(p)
		if ok {
			parleyHeld, parleyRSS = ptr(r.Nodes[0].SocketsOpen), ptr(r.Nodes[0].RSSPerConn)
		}
	}
	sc := "a. idle sockets, one node"
	s.res.row(sc, "sockets held", "", baseHeld, parleyHeld, noBudget, "budget run: 20,000")
	s.res.row(sc, "resident bytes per socket", "B", baseRSS, parleyRSS, atMost(20000, "≤ 20 KB"),
		"RSS once all connected − RSS before, each read after a forced GC (/metrics?gc=1)")
	s.res.note("a: this process holds the client end of every socket, so the client needs as many open files as the "+
		"node: %s. Sockets held are what each node counted once all were connected.", fdLimitText())
}

// fdLimitText says what the open-files limit is.
func fdLimitText() string {
	if limit, ok := openFilesLimit(); ok {
		return fmt.Sprintf("the hard limit here is %d per process, so about %d sockets is the most either side can hold", limit, limit-fdMargin)
	}
	return "the limit here is unknown"
}

// sockets clamps a wanted socket count to what the open-files limit lets
// both ends hold: this process holds the client end of every socket.
func (s *suite) sockets(want int, what string) int {
	limit, ok := openFilesLimit()
	if !ok || uint64(want)+fdMargin <= limit {
		return want
	}
	n := int(limit) - fdMargin
	s.res.note("%s: %d instead of %d: the open-files limit is %d per process, and the node and this process "+
		"(the client end of every socket) each need one per socket plus about %d", what, n, want, limit, fdMargin)
	return n
}
