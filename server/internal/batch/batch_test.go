package batch

import (
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
