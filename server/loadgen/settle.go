package loadgen

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// settle waits until every send is acked, every conversation holds want
// messages and every client has seen them all, then returns the store's
// seqs and true. At the timeout it returns what the store holds and false.
func (f *fleet) settle(ctx context.Context, hc *http.Client, convs []string, want []int64) (map[string][]int64, bool) {
	deadline := time.Now().Add(f.cfg.Timeout)
	for {
		if f.caughtUp(convs, want) {
			stored, err := f.readStore(ctx, hc, convs)
			if err == nil && complete(stored, convs, want) {
				return stored, true
			}
		}
		if time.Now().After(deadline) || !sleep(ctx, 200*time.Millisecond) {
			stored, err := f.readStore(ctx, hc, convs)
			if err != nil {
				f.cfg.Logf("reading the store: %v", err)
			}
			f.cfg.Logf("not settled after %v: %d sends pending", f.cfg.Timeout, f.pending())
			return stored, false
		}
	}
}

// caughtUp reports whether no send is pending and every visitor and agent
// has seen want messages of each conversation.
func (f *fleet) caughtUp(convs []string, want []int64) bool {
	if f.pending() > 0 {
		return false
	}
	for i, conv := range convs {
		if f.visitors[i].LastSeq(conv) < want[i] {
			return false
		}
		for _, a := range f.agents {
			if a.LastSeq(conv) < want[i] {
				return false
			}
		}
	}
	return true
}

func (f *fleet) pending() int {
	n := 0
	for _, c := range f.visitors {
		n += c.Pending()
	}
	for _, c := range f.agents {
		n += c.Pending()
	}
	return n
}

func complete(stored map[string][]int64, convs []string, want []int64) bool {
	for i, conv := range convs {
		if int64(len(stored[conv])) != want[i] {
			return false
		}
	}
	return true
}

// readStore reads every conversation's seqs over REST v1 from the first
// node, a few at a time.
func (f *fleet) readStore(ctx context.Context, hc *http.Client, convs []string) (map[string][]int64, error) {
	var (
		mu    sync.Mutex
		out   = make(map[string][]int64, len(convs))
		first error
		wg    sync.WaitGroup
		slots = make(chan struct{}, 8)
	)
	for _, conv := range convs {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			seqs, err := f.nodes[0].seqs(ctx, hc, f.cfg.Token, conv)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && first == nil {
				first = err
			}
			out[conv] = seqs
		})
	}
	wg.Wait()
	return out, first
}
