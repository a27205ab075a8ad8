package histogram

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Family is one metric name: a single histogram, or one per value of a
// label, all fixed when the family is made so that lookups need no lock.
type Family struct {
	name, help string
	label      string
	order      []string
	by         map[string]*Histogram
	single     *Histogram // the one histogram of a family without labels
}

// NewFamily returns a family named name of one histogram without labels.
func NewFamily(name, help string) *Family {
	h := New()
	return &Family{name: name, help: help, order: []string{""}, by: map[string]*Histogram{"": h}, single: h}
}

// NewLabeled returns a family with one histogram per value of label. The
// values are plain identifiers (no quotes, backslashes or newlines).
func NewLabeled(name, help, label string, values ...string) *Family {
	f := &Family{name: name, help: help, label: label, by: make(map[string]*Histogram, len(values))}
	for _, v := range values {
		h := New()
		h.labels = fmt.Sprintf("%s=%q", label, v)
		f.order = append(f.order, v)
		f.by[v] = h
	}
	return f
}

// Name returns the metric name.
func (f *Family) Name() string { return f.name }

// Histogram returns the histogram of a family without labels (nil for a
// labeled one).
func (f *Family) Histogram() *Histogram { return f.single }

// With returns the histogram of label value v; it panics for a value the
// family was not made with, a programming error.
func (f *Family) With(v string) *Histogram {
	h, ok := f.by[v]
	if !ok {
		panic(fmt.Sprintf("histogram: %s has no %s=%q", f.name, f.label, v))
	}
	return h
}

// Observe observes d on the histogram of a family without labels: the
// hook a package hands to code that should not know about metrics.
func (f *Family) Observe(d time.Duration) { f.single.Observe(d) }

// WriteTo writes the family in Prometheus' text format.
func (f *Family) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s histogram\n", f.name, f.help, f.name)
	for _, v := range f.order {
		if err := f.by[v].writeSamples(&b, f.name); err != nil {
			return 0, err
		}
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
