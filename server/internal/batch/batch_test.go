package batch

import (
	"context"
	"errors"
	"slices"
	"testing"
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
