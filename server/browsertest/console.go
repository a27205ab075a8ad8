package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Entry is one console message, with where and when the test received it.
type Entry struct {
	Where string // "page" or "iframe"
	At    time.Time
	Msg   chromedp.ConsoleMessage
}

func (e Entry) String() string {
	s := fmt.Sprintf("[%s %s] %s: %s", e.At.Format("15:04:05.000"), e.Where, e.Msg.Type, e.Msg.Text)
	if e.Msg.URL != "" {
		s += fmt.Sprintf(" (%s:%d)", e.Msg.URL, e.Msg.Line)
	}
	if e.Msg.Source != "" {
		s += " source=" + e.Msg.Source
	}
	return s
}

// Problem reports whether e is an error, a failed console.assert or an
// uncaught exception.
func (e Entry) Problem() bool {
	return e.Msg.Type == chromedp.ConsoleError || e.Msg.Type == "assert" || e.Msg.IsException()
}

// Console collects console messages from several targets.
type Console struct {
	mu      sync.Mutex
	entries []Entry
}

// Listener returns a func for chromedp.WithListener that records the
// console of one target, labelled where. Given to the context that first
// runs on the target, it sees the target's events from the start: the
// messages Chromium replays when the Runtime and Log domains are enabled
// included, so what an iframe logged before the test attached to it is
// not lost (chromedp.Console subscribes only after that replay).
func (c *Console) Listener(where string) func(ev any) {
	return func(ev any) {
		var m chromedp.ConsoleMessage
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			m = chromedp.ConsoleMessage{Type: chromedp.ConsoleType(ev.Type), Text: argsText(ev.Args)}
			if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
				m.URL, m.Line = st.CallFrames[0].URL, st.CallFrames[0].LineNumber
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			m = chromedp.ConsoleMessage{Type: chromedp.ConsoleException, Text: d.Text, URL: d.URL, Line: d.LineNumber, Exception: d}
			if d.Exception != nil {
				desc, _, _ := strings.Cut(d.Exception.Description, "\n    at ")
				m.Text = strings.TrimSpace(d.Text + " " + desc)
			}
		case *log.EventEntryAdded:
			en := ev.Entry
			m = chromedp.ConsoleMessage{Type: chromedp.ConsoleType(en.Level), Text: en.Text, URL: en.URL, Line: en.LineNumber, Source: string(en.Source)}
		default:
			return
		}
		c.mu.Lock()
		c.entries = append(c.entries, Entry{Where: where, At: time.Now(), Msg: m})
		c.mu.Unlock()
	}
}

// argsText renders console API arguments: strings as they are, other
// values as their JSON or description.
func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &s) == nil:
		case a.Description != "":
			s = a.Description
		default:
			s = string(a.Value)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Entries returns what was logged so far.
func (c *Console) Entries() []Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Entry(nil), c.entries...)
}

// Problems returns the errors and exceptions that allowed does not excuse.
func (c *Console) Problems(allowed func(Entry) bool) []Entry {
	var out []Entry
	for _, e := range c.Entries() {
		if e.Problem() && (allowed == nil || !allowed(e)) {
			out = append(out, e)
		}
	}
	return out
}

// Log writes every message to the test log.
func (c *Console) Log(t testing.TB) {
	t.Helper()
	for _, e := range c.Entries() {
		t.Log("console", e)
	}
}
