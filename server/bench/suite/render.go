package suite

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

var header = []string{"scenario", "figure", "baseline (relay)", "Parley", "ratio", "budget", "met?"}

// WriteText writes the table, every run's delivery verdict and the notes.
func (r *Results) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, row := range r.Rows {
		fmt.Fprintln(tw, strings.Join(row.cells(), "\t"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("suite: write table: %w", err)
	}
	fmt.Fprintln(w, "\nruns (delivery)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, run := range r.Runs {
		fmt.Fprintln(tw, strings.Join(run.cells(), "\t"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("suite: write runs: %w", err)
	}
	return r.writeNotes(w, "notes:", "- ")
}

// WriteMarkdown writes the same as WriteText as Markdown, for RESULTS.md.
func (r *Results) WriteMarkdown(w io.Writer) error {
	fmt.Fprintf(w, "## `make bench` load runs, %s\n\n", r.Started.Format("2006-01-02 15:04"))
	mdRow(w, header)
	mdRow(w, strings.Split(strings.Repeat("---,", len(header)-1)+"---", ","))
	for _, row := range r.Rows {
		mdRow(w, row.cells())
	}
	fmt.Fprintln(w, "\nRuns and their delivery checks:")
	fmt.Fprintln(w)
	for _, run := range r.Runs {
		fmt.Fprintln(w, "- "+strings.Join(run.cells(), " · "))
	}
	return r.writeNotes(w, "\nNotes:", "- ")
}

// WriteJSON writes the results, with every run's full report, as JSON.
func (r *Results) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("suite: write JSON: %w", err)
	}
	return nil
}

func (r *Results) writeNotes(w io.Writer, title, bullet string) error {
	if len(r.Notes) == 0 {
		return nil
	}
	fmt.Fprintln(w, title)
	fmt.Fprintln(w)
	for _, n := range r.Notes {
		if _, err := fmt.Fprintln(w, bullet+n); err != nil {
			return fmt.Errorf("suite: write notes: %w", err)
		}
	}
	return nil
}

func mdRow(w io.Writer, cells []string) {
	fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
}

func (row Row) cells() []string {
	figure := row.Figure
	if row.Note != "" {
		figure += " (" + row.Note + ")"
	}
	return []string{row.Scenario, figure, value(row.Baseline, row.Unit), value(row.Parley, row.Unit), ratio(row.Baseline, row.Parley), row.Budget, row.Met}
}

func (run LoadRun) cells() []string {
	verdict := "OK"
	if !run.OK {
		verdict = "FAIL"
	}
	out := []string{run.Scenario, run.System, run.Label, fmt.Sprintf("lost %d, duplicates %d, holes %d", run.Lost, run.Duplicates, run.Holes), verdict}
	if run.Error != "" {
		out = append(out, run.Error)
	}
	return out
}

// value formats a figure in its unit; "not measured" when it is nil.
func value(v *float64, unit string) string {
	if v == nil {
		return "not measured"
	}
	switch unit {
	case "ms":
		return fmt.Sprintf("%.2f ms", *v)
	case "s":
		return fmt.Sprintf("%.2f s", *v)
	case "B":
		return fmt.Sprintf("%.1f KiB", *v/1024)
	case "msg/s":
		return fmt.Sprintf("%.0f msg/s", *v)
	}
	return fmt.Sprintf("%.0f", *v)
}

// ratio is Parley's figure over the baseline's.
func ratio(baseline, parley *float64) string {
	if baseline == nil || parley == nil || *baseline == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", *parley / *baseline)
}
