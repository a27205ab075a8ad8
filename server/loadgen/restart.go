package loadgen

import (
	"context"
	"fmt"
	"time"

	"github.com/parley-chat/parley/widget/conn"
)

// storm restarts the node and waits until every client is online again,
// resumed by a welcome of the new node.
func (f *fleet) storm(ctx context.Context, n node, restart func(context.Context) error) (StormFigures, error) {
	clients := f.all()
	f.watch.arm()
	pctx, stopProbe := context.WithTimeout(ctx, f.cfg.Timeout)
	defer stopProbe()
	probed := make(chan outage, 1)
	go func() { probed <- probeRestart(pctx, n.http+"/healthz") }()
	f.cfg.Logf("restarting the node under %d clients", len(clients))
	called := time.Now()
	if err := restart(ctx); err != nil {
		return StormFigures{}, fmt.Errorf("loadgen: storm: restart: %w", err)
	}
	took := time.Since(called)
	allOnline := f.waitResumed(ctx, clients, called)
	stopProbe()
	o := <-probed
	down, welcomed := f.watch.times(clients)
	dials, reasons := f.watch.attempts()
	fig := StormFigures{Clients: len(clients), Resumed: f.watch.resumed(), RestartS: took.Seconds(), Dials: dials, Reasons: reasons}
	if down = earliest(o.down, down); down.IsZero() {
		down = called // neither saw it go down: count from the call
	}
	up := earliest(o.up, earliest(welcomed...)) // no probe answer: the first welcome shows it was up
	if !up.IsZero() {
		fig.OutageS = max(up.Sub(down), 0).Seconds()
	}
	fig.FromAccepting = resumeTimes(up, welcomed, allOnline)
	fig.FromDown = resumeTimes(down, welcomed, allOnline)
	fig.DialToWelcome = spread(f.watch.service())
	return fig, nil
}

// waitResumed waits until every client has been welcomed since the node
// went down and is online, all at once, and returns when that was; zero
// if it did not happen within the timeout.
func (f *fleet) waitResumed(ctx context.Context, clients []*conn.Client, since time.Time) time.Time {
	deadline := since.Add(f.cfg.Timeout)
	lastLog := time.Now()
	for {
		now := time.Now()
		resumed := f.watch.resumed()
		if resumed == len(clients) && allOnline(clients) {
			return now
		}
		if now.After(deadline) {
			f.cfg.Logf("only %d of %d clients resumed after %v", resumed, len(clients), f.cfg.Timeout)
			return time.Time{}
		}
		if now.Sub(lastLog) >= time.Second {
			f.cfg.Logf("%d of %d clients resumed", resumed, len(clients))
			lastLog = now
		}
		if !sleep(ctx, 10*time.Millisecond) {
			return time.Time{}
		}
	}
}

func allOnline(clients []*conn.Client) bool {
	for _, c := range clients {
		if c.State() != conn.StateOnline {
			return false
		}
	}
	return true
}

// resumeTimes summarises the welcomes (zero: never) and the moment all
// were online, counted from ref.
func resumeTimes(ref time.Time, welcomed []time.Time, allOnline time.Time) Resume {
	if ref.IsZero() {
		return Resume{}
	}
	var d []time.Duration
	for _, w := range welcomed {
		if !w.IsZero() {
			d = append(d, max(w.Sub(ref), 0))
		}
	}
	r := Resume{Spread: spread(d)}
	if !allOnline.IsZero() {
		r.All = max(allOnline.Sub(ref), 0).Seconds()
	}
	return r
}

// earliest returns the earliest non-zero time, or zero.
func earliest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if !t.IsZero() && (out.IsZero() || t.Before(out)) {
			out = t
		}
	}
	return out
}
