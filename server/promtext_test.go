package server_test

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// family is one metric family of a parsed exposition.
type family struct {
	typ     string
	samples []sample
}

type sample struct {
	name   string
	labels map[string]string
	value  float64
}

var (
	metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelPair  = regexp.MustCompile(`^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)`)
)

// parseProm checks text against Prometheus' text exposition format 0.0.4
// and returns its families: TYPE before the first sample of a family and
// at most once, a family's samples together, valid names, labels and
// values, and, for histograms, buckets with ascending le ending at +Inf
// whose counts never fall and end at _count.
func parseProm(text string) (map[string]*family, error) {
	fams := map[string]*family{}
	var cur string
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if err := parseLine(fams, &cur, line); err != nil {
			return nil, fmt.Errorf("line %d %q: %w", i+1, line, err)
		}
	}
	for name, f := range fams {
		if f.typ == "histogram" {
			if err := checkHistogram(name, f); err != nil {
				return nil, err
			}
		}
	}
	return fams, nil
}

func parseLine(fams map[string]*family, cur *string, line string) error {
	if line == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(line, "# TYPE "); ok {
		name, typ, _ := strings.Cut(rest, " ")
		if !metricName.MatchString(name) || !slices.Contains([]string{"counter", "gauge", "histogram", "summary", "untyped"}, typ) {
			return fmt.Errorf("bad TYPE")
		}
		if fams[name] != nil {
			return fmt.Errorf("second TYPE or TYPE after samples of %s", name)
		}
		fams[name], *cur = &family{typ: typ}, name
		return nil
	}
	if strings.HasPrefix(line, "#") {
		return nil // HELP and comments
	}
	s, err := parseSample(line)
	if err != nil {
		return err
	}
	fam := familyOf(s.name, fams)
	if fam == "" || fam != *cur {
		return fmt.Errorf("sample of %q outside its family (TYPE missing or samples not together)", s.name)
	}
	fams[fam].samples = append(fams[fam].samples, s)
	return nil
}

// familyOf maps a sample name to its declared family: itself, or a
// histogram's name without _bucket, _sum or _count.
func familyOf(name string, fams map[string]*family) string {
	if fams[name] != nil {
		return name
	}
	for _, suf := range []string{"_bucket", "_sum", "_count"} {
		if base, ok := strings.CutSuffix(name, suf); ok && fams[base] != nil && fams[base].typ == "histogram" {
			return base
		}
	}
	return ""
}

func parseSample(line string) (sample, error) {
	s := sample{labels: map[string]string{}}
	head, value, ok := strings.Cut(line, " ")
	if i := strings.IndexByte(line, '{'); i >= 0 {
		j := strings.LastIndexByte(line, '}')
		if j < i {
			return s, fmt.Errorf("unclosed labels")
		}
		head, value = line[:i], strings.TrimPrefix(line[j+1:], " ")
		for rest := line[i+1 : j]; rest != ""; {
			m := labelPair.FindStringSubmatch(rest)
			if m == nil {
				return s, fmt.Errorf("bad labels %q", rest)
			}
			s.labels[m[1]] = m[2]
			rest = rest[len(m[0]):]
		}
	} else if !ok {
		return s, fmt.Errorf("no value")
	}
	if !metricName.MatchString(head) {
		return s, fmt.Errorf("bad name %q", head)
	}
	v, err := strconv.ParseFloat(strings.Fields(value)[0], 64)
	if err != nil {
		return s, fmt.Errorf("bad value: %w", err)
	}
	s.name, s.value = head, v
	return s, nil
}

func checkHistogram(name string, f *family) error {
	type series struct {
		les, counts []float64
		count       float64
		hasCount    bool
	}
	all := map[string]*series{}
	key := func(l map[string]string) string {
		var parts []string
		for k, v := range l {
			if k != "le" {
				parts = append(parts, k+"="+v)
			}
		}
		slices.Sort(parts)
		return strings.Join(parts, ",")
	}
	for _, s := range f.samples {
		k := key(s.labels)
		if all[k] == nil {
			all[k] = &series{}
		}
		switch s.name {
		case name + "_bucket":
			le, err := strconv.ParseFloat(s.labels["le"], 64)
			if err != nil {
				return fmt.Errorf("%s{%s}: le %q: %w", name, k, s.labels["le"], err)
			}
			all[k].les, all[k].counts = append(all[k].les, le), append(all[k].counts, s.value)
		case name + "_count":
			all[k].count, all[k].hasCount = s.value, true
		}
	}
	for k, s := range all {
		n := len(s.les)
		if n == 0 || !s.hasCount || !math.IsInf(s.les[n-1], 1) || s.counts[n-1] != s.count {
			return fmt.Errorf("%s{%s}: want buckets ending at +Inf = _count, got le %v counts %v count %v", name, k, s.les, s.counts, s.count)
		}
		for i := 1; i < n; i++ {
			if s.les[i] <= s.les[i-1] || s.counts[i] < s.counts[i-1] {
				return fmt.Errorf("%s{%s}: le %v counts %v not ascending", name, k, s.les, s.counts)
			}
		}
	}
	return nil
}
