package batch

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestEach(t *testing.T) {
	tests := []struct {
		name   string
		queued []int
		max    int
		want   [][]int
	}{
		{"nothing", nil, 4, nil},
		{"a lone item goes alone", []int{1}, 4, [][]int{{1}}},
		{"what is queued goes together", []int{1, 2, 3}, 4, [][]int{{1, 2, 3}}},
		{"at most max at a time", []int{1, 2, 3, 4, 5}, 2, [][]int{{1, 2}, {3, 4}, {5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := make(chan int, len(tt.queued))
			for _, v := range tt.queued {
				ch <- v
			}
			close(ch)
			var got [][]int
			Each(ch, tt.max, func(b []int) { got = append(got, slices.Clone(b)) })
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("batches = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQueue(t *testing.T) {
	q := NewQueue[int](2)
	for _, v := range []int{1, 2} {
		if err := q.Put(t.Context(), v); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := q.Put(ctx, 3); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put on a full queue with an ended context = %v", err)
	}
	q.Close()
	q.Close() // twice is fine
	if err := q.Put(t.Context(), 4); !errors.Is(err, ErrClosed) {
		t.Fatalf("Put after Close = %v, want ErrClosed", err)
	}
	var got []int
	q.Each(8, func(b []int) { got = append(got, b...) })
	if !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("drained %v, want what was queued before Close", got)
	}
}

// TestEachLinger: after a batch of at least After items, what arrives
// during the wait joins the next batch; after a smaller batch an item goes
// at once (were it to linger, the hour-long wait would time the test out).
func TestEachLinger(t *testing.T) {
	run := func(l Linger, queued ...int) (chan<- int, <-chan []int) {
		ch := make(chan int, 8)
		for _, v := range queued {
			ch <- v
		}
		got := make(chan []int)
		go EachLinger(ch, 8, l, func(b []int) { got <- slices.Clone(b) })
		t.Cleanup(func() { close(ch) })
		return ch, got
	}
	t.Run("after a small batch an item goes at once", func(t *testing.T) {
		ch, got := run(Linger{After: 2, For: time.Hour}, 1)
		if b := <-got; !slices.Equal(b, []int{1}) {
			t.Fatalf("first batch %v, want [1]", b)
		}
		ch <- 2
		if b := <-got; !slices.Equal(b, []int{2}) {
			t.Fatalf("second batch %v, want [2]", b)
		}
	})
	t.Run("after a busy batch the next waits for company", func(t *testing.T) {
		ch, got := run(Linger{After: 2, For: time.Second}, 1, 2)
		if b := <-got; !slices.Equal(b, []int{1, 2}) {
			t.Fatalf("first batch %v, want [1 2]", b)
		}
		ch <- 3
		time.Sleep(10 * time.Millisecond)
		ch <- 4
		if b := <-got; !slices.Equal(b, []int{3, 4}) {
			t.Fatalf("batch after a busy one = %v, want [3 4]", b)
		}
	})
}
