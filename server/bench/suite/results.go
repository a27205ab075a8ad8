package suite

import (
	"fmt"
	"time"
)

// Results is what a suite run measured.
type Results struct {
	Started time.Time `json:"started"`
	Rows    []Row     `json:"rows"`
	Runs    []LoadRun `json:"runs"`
	Notes   []string  `json:"notes"`
}

// Row is one figure of one scenario, baseline beside Parley.
type Row struct {
	Scenario string   `json:"scenario"`
	Figure   string   `json:"figure"`
	Unit     string   `json:"unit"`               // ms, s, B, msg/s or "" (a count)
	Baseline *float64 `json:"baseline,omitempty"` // nil: not measured
	Parley   *float64 `json:"parley,omitempty"`
	Budget   string   `json:"budget"`
	Met      string   `json:"met"` // yes, no, or — when there is no budget or no figure
	Note     string   `json:"note,omitempty"`
}

// LoadRun is one load run and its delivery verdict.
type LoadRun struct {
	Scenario   string `json:"scenario"`
	System     string `json:"system"` // relay or parley
	Label      string `json:"label"`
	OK         bool   `json:"ok"` // carried out, and nothing lost, duplicated or missing
	Lost       int64  `json:"lost"`
	Duplicates int64  `json:"duplicates"`
	Holes      int64  `json:"holes"`
	Error      string `json:"error,omitempty"`
	Report     any    `json:"report,omitempty"` // the loadgen, relayload or storm report
}

// OK reports whether every run was carried out and lost nothing.
func (r *Results) OK() bool {
	for _, run := range r.Runs {
		if !run.OK {
			return false
		}
	}
	return true
}

// Failed lists the runs that failed, one line each.
func (r *Results) Failed() []string {
	var out []string
	for _, run := range r.Runs {
		if !run.OK {
			out = append(out, fmt.Sprintf("%s %s %s: lost %d, duplicates %d, holes %d %s",
				run.Scenario, run.System, run.Label, run.Lost, run.Duplicates, run.Holes, run.Error))
		}
	}
	return out
}

// budget is a figure's limit: its text and the test Parley's figure must
// pass (nil: none).
type budget struct {
	text string
	ok   func(float64) bool
}

func atMost(v float64, text string) budget {
	return budget{text, func(x float64) bool { return x <= v }}
}
func atLeast(v float64, text string) budget {
	return budget{text, func(x float64) bool { return x >= v }}
}

var noBudget = budget{text: "—"}

// row adds a figure; a nil baseline or parley was not measured.
func (r *Results) row(scenario, figure, unit string, baseline, parley *float64, b budget, note string) {
	met := "—"
	if parley != nil && b.ok != nil {
		met = "no"
		if b.ok(*parley) {
			met = "yes"
		}
	}
	r.Rows = append(r.Rows, Row{Scenario: scenario, Figure: figure, Unit: unit, Baseline: baseline, Parley: parley,
		Budget: b.text, Met: met, Note: note})
}

func (r *Results) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

func (r *Results) run(run LoadRun) { r.Runs = append(r.Runs, run) }

// failedRun records a run that could not be carried out.
func (r *Results) failedRun(scenario, system, label string, err error) {
	r.run(LoadRun{Scenario: scenario, System: system, Label: label, Error: err.Error()})
}

// ptr is v as a measured figure.
func ptr(v float64) *float64 { return &v }
