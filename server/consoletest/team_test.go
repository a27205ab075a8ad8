package consoletest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley-chat/parley/server/browsertest"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// TestTwoAgents is issue 4's acceptance 1: two agents, each in a browser
// of their own (own profile, own session cookie), and one visitor on the
// native client. The new conversation appears in both inboxes within a
// second; Olive assigns it to herself and Bea sees it assigned to Olive
// (her Unassigned count drops); Olive types (Bea and the visitor see it)
// and replies (the visitor receives it); the visitor typing shows in both
// consoles; Olive's internal note reaches Bea, never the visitor;
// resolving and a later visitor message reopening it move the
// conversation between both agents' views live.
func TestTwoAgents(t *testing.T) {
	n := startNode(t)
	ctx := context.Background()
	olive, olivePass := addAgent(t, n, "olive@shop.test", "Olive Owner", store.RoleOwner)
	bea, beaPass := addAgent(t, n, "bea@shop.test", "Bea Brown", store.RoleAgent)
	stage := browsertest.Stages(t)
	b1, b2 := browsertest.NewBrowser(t), browsertest.NewBrowser(t)
	signInUI(t, n, b1, olive.Email, olivePass)
	signInUI(t, n, b2, bea.Email, beaPass)
	stage("both agents signed in")

	// A new conversation: each console records when its row appears.
	const first = "Hi! My order #1042 has not arrived yet."
	for _, b := range []*browsertest.Browser{b1, b2} {
		browsertest.Eval[bool](t, b.Ctx, rowProbeJS("#1042"))
	}
	maria := newVisitor(t, n, "Maria Garcia", "maria@example.com")
	sent := time.Now()
	conv := maria.say(t, "", first)
	acked := time.Now()
	for i, b := range []*browsertest.Browser{b1, b2} {
		browsertest.WaitJS(t, b.Ctx, "the new conversation in the inbox", `!!window.__rowSeen`, 5*time.Second)
		seen := time.UnixMilli(int64(browsertest.Eval[float64](t, b.Ctx, `window.__rowSeen`)))
		t.Logf("agent %d: the new conversation appeared %v after the visitor's send, %v after its ack",
			i+1, seen.Sub(sent).Round(time.Millisecond), seen.Sub(acked).Round(time.Millisecond))
		if seen.Sub(acked) > time.Second {
			t.Errorf("agent %d: the new conversation took %v after the ack to appear, want within 1s", i+1, seen.Sub(acked))
		}
		browsertest.WaitJS(t, b.Ctx, "Maria's row, unassigned", textJS(convJS(conv)+" .conv-name", "Maria Garcia")+" && "+
			textJS(`.count[data-view="unassigned"]`, "1"), 5*time.Second)
	}
	stage("the new conversation in both inboxes")

	// Both open it; Olive assigns it to herself and Bea sees it. Bea's
	// conversation detail is read before the assignment and reaches her
	// console after it, as on a slow link: it must not undo what the
	// socket told her.
	holdDetails(t, b2)
	for _, b := range []*browsertest.Browser{b1, b2} {
		do(t, b, "open the conversation", chromedp.Click(chromedp.CSS(convJS(conv))))
		browsertest.WaitJS(t, b.Ctx, "the visitor's message", textJS(`.msg[data-kind="visitor"] .bubble`, "#1042"), 5*time.Second)
	}
	browsertest.WaitJS(t, b2.Ctx, "Bea's detail read before the assignment", `window.__detailsRead >= 1`, 5*time.Second)
	do(t, b1, "assign to me", chromedp.Click(chromedp.CSS("#assign")))
	assigned := time.Now()
	beaSees := textJS("#pane-sub", "Assigned to Olive Owner") + " && " +
		textJS(`.count[data-view="unassigned"]`, "0") + " && " + textJS(`.count[data-view="mine"]`, "0")
	took := browsertest.WaitJS(t, b2.Ctx, "the assignment in Bea's console", beaSees, 5*time.Second)
	t.Logf("agent 2 saw the assignment %v after agent 1's click", took.Round(time.Millisecond))
	releaseDetails(t, b2)
	if !browsertest.Eval[bool](t, b2.Ctx, beaSees) {
		t.Errorf("Bea's console went back to the state read before the assignment: %q",
			browsertest.Eval[string](t, b2.Ctx, `document.querySelector('#pane-sub').textContent`))
	}
	browsertest.WaitJS(t, b1.Ctx, "the assignment in Olive's console", textJS("#pane-sub", "Assigned to you")+" && "+
		textJS(`.count[data-view="mine"]`, "1")+" && "+textJS(`.count[data-view="unassigned"]`, "0"), 5*time.Second)
	do(t, b2, "show all open", chromedp.Click(chromedp.CSS(`.view[data-view="open"]`)))
	browsertest.WaitJS(t, b2.Ctx, "Olive named in Bea's list", textJS(convJS(conv)+" .conv-assignee", "Olive")+" && "+
		`document.querySelector('`+convJS(conv)+` .conv-assignee').title === 'Assigned to Olive Owner'`, 5*time.Second)
	if c, err := n.Server.Store.ConversationByID(ctx, conv); err != nil || c.Assignee != olive.ID {
		t.Fatalf("stored conversation %+v, %v (assigned %v ago)", c, err, time.Since(assigned))
	}
	shot2(t, b2, "agent2-assigned")
	stage("assigned")

	// Olive types: Bea and the visitor see it. Enter sends the reply.
	do(t, b1, "type a reply", chromedp.Focus(chromedp.CSS("#composer")), chromedp.SendKeys(chromedp.CSS("#composer"), "Sorry about that, Maria"))
	took = browsertest.WaitJS(t, b2.Ctx, "Olive typing in Bea's console", textJS(`.typing[data-kind="agent"]`, "Olive Owner is typing"), 5*time.Second)
	t.Logf("agent 2 saw agent 1 typing %v after the keystrokes", took.Round(time.Millisecond))
	maria.waitEvent(t, "Olive typing", 5*time.Second, func(ev conn.Event) bool {
		f, ok := ev.Frame.(*protocol.Typing)
		return ev.Kind == conn.EventTyping && ok && f.On && f.Author != nil && f.Author.ID == olive.ID
	})
	if browsertest.Eval[bool](t, b1.Ctx, `!!document.querySelector('.typing')`) {
		t.Error("Olive's console shows her own typing")
	}
	shot2(t, b1, "agent1-typing")
	shot2(t, b2, "agent2-sees-typing")
	do(t, b1, "send the reply", chromedp.SendKeys(chromedp.CSS("#composer"), "! Let me check with the courier."+kb.Enter))
	const reply = "Sorry about that, Maria! Let me check with the courier."
	got := maria.waitEvent(t, "Olive's reply", 5*time.Second, func(ev conn.Event) bool {
		return ev.Kind == conn.EventMessage && ev.Message.Msg.Author.Kind == protocol.AuthorAgent
	})
	if m := got.Message.Msg; m.Body != reply || m.Author.ID != olive.ID {
		t.Fatalf("the visitor received %+v, want %q from Olive", m, reply)
	}
	browsertest.WaitJS(t, b2.Ctx, "the reply in Bea's console, the typing gone", textJS(`.msg[data-kind="agent"] .bubble`, "courier")+
		` && !document.querySelector('.typing')`, 5*time.Second)
	stage("typed and replied")

	// The visitor types: both consoles show it.
	maria.c.Typing(conv, true)
	for _, b := range []*browsertest.Browser{b1, b2} {
		browsertest.WaitJS(t, b.Ctx, "the visitor typing", textJS(`.typing[data-kind="visitor"]`, "Maria Garcia is typing"), 5*time.Second)
	}
	maria.c.Typing(conv, false)
	for _, b := range []*browsertest.Browser{b1, b2} {
		browsertest.WaitJS(t, b.Ctx, "the visitor's typing gone", `!document.querySelector('.typing')`, 5*time.Second)
	}
	stage("visitor typing shown")

	// An internal note reaches Bea, never the visitor.
	noteFrom := maria.count()
	const note = "VIP customer, ordered twice this month."
	do(t, b1, "write a note", chromedp.Click(chromedp.CSS("#mode-note")), chromedp.SendKeys(chromedp.CSS("#composer"), note+kb.Enter))
	browsertest.WaitJS(t, b2.Ctx, "the note in Bea's console", textJS(`.msg[data-kind="note"]`, "VIP customer")+" && "+
		textJS(`.msg[data-kind="note"] .note-label`, "Internal note"), 5*time.Second)
	browsertest.WaitJS(t, b1.Ctx, "the note stored", textJS(`.msg[data-kind="note"]`, "VIP customer")+
		` && [...document.querySelectorAll('.msg[data-kind="note"]')].every((e) => !e.dataset.state)`, 5*time.Second)
	do(t, b1, "back to replies", chromedp.Click(chromedp.CSS("#mode-reply")))
	shot2(t, b2, "agent2-note")
	stage("note written")

	// Resolve: both consoles move it to Resolved; Bea watches that view.
	do(t, b2, "show resolved", chromedp.Click(chromedp.CSS(`.view[data-view="resolved"]`)))
	do(t, b1, "resolve", chromedp.Click(chromedp.CSS("#resolve")))
	maria.waitEvent(t, "the resolved status", 5*time.Second, func(ev conn.Event) bool {
		s, ok := ev.Frame.(*protocol.Status)
		return ev.Kind == conn.EventStatus && ok && s.Status == protocol.StatusResolved
	})
	for _, b := range []*browsertest.Browser{b1, b2} {
		browsertest.WaitJS(t, b.Ctx, "resolved in the console", textJS("#resolve", "Reopen")+" && "+
			`document.querySelector('#status').value === 'resolved' && `+
			textJS(`.count[data-view="resolved"]`, "1")+" && "+textJS(`.count[data-view="open"]`, "0"), 5*time.Second)
	}
	browsertest.WaitJS(t, b2.Ctx, "the row in Bea's Resolved view", `!!document.querySelector('`+convJS(conv)+`')`, 5*time.Second)
	shot2(t, b2, "agent2-resolved")
	stage("resolved")

	// A visitor message reopens it: out of Bea's Resolved view, back in
	// Olive's inbox.
	maria.say(t, conv, "One more thing: can you send it to my office instead?")
	for i, b := range []*browsertest.Browser{b1, b2} {
		took := browsertest.WaitJS(t, b.Ctx, "reopened in the console", textJS("#resolve", "Resolve")+" && "+
			`document.querySelector('#status').value === 'open' && `+textJS(`.msg[data-kind="visitor"] .bubble`, "office")+" && "+
			textJS(`.count[data-view="resolved"]`, "0")+" && "+textJS(`.count[data-view="open"]`, "1"), 5*time.Second)
		t.Logf("agent %d saw the conversation reopen %v after the visitor's ack", i+1, took.Round(time.Millisecond))
	}
	browsertest.WaitJS(t, b2.Ctx, "the row gone from Bea's Resolved view", `!document.querySelector('`+convJS(conv)+`')`, 5*time.Second)
	browsertest.WaitJS(t, b1.Ctx, "back in Olive's inbox", textJS(`.count[data-view="mine"]`, "1"), 5*time.Second)
	if c, err := n.Server.Store.ConversationByID(ctx, conv); err != nil || c.Status != protocol.StatusOpen || c.Assignee != olive.ID {
		t.Fatalf("stored conversation after the visitor's message %+v, %v", c, err)
	}
	shot2(t, b1, "agent1-reopened")
	shot2(t, b2, "agent2-reopened")
	stage("reopened")

	// The visitor never got the note, nor Olive typing while in note mode.
	maria.mu.Lock()
	for _, ev := range maria.events {
		if ev.Kind == conn.EventNote || ev.Kind == conn.EventMessage && strings.Contains(ev.Message.Msg.Body, "VIP") {
			t.Errorf("the visitor received the internal note: %+v", ev)
		}
	}
	for _, ev := range maria.events[noteFrom:] {
		if f, ok := ev.Frame.(*protocol.Typing); ok && f.On && f.Author != nil && f.Author.Kind == protocol.AuthorAgent {
			t.Errorf("the visitor saw an agent typing a note: %+v", f)
		}
	}
	maria.mu.Unlock()
	for i, b := range []*browsertest.Browser{b1, b2} {
		for _, en := range b.Console.Problems(nil) {
			t.Errorf("agent %d console: %s", i+1, en)
		}
	}
}

// signInUI signs an agent in through the console's sign-in form and waits
// for the inbox online.
func signInUI(t *testing.T, n *servertest.Node, b *browsertest.Browser, email, password string) {
	t.Helper()
	b.Navigate(t, n.URL+"/console/")
	browsertest.WaitJS(t, b.Ctx, "the sign-in form", `!!document.querySelector('#signin #email')`, 20*time.Second)
	do(t, b, "sign in", chromedp.SendKeys(chromedp.CSS("#email"), email), chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("#signin-submit")))
	browsertest.WaitJS(t, b.Ctx, "the inbox, online", `!!document.querySelector('.console.inbox') && document.querySelector('#banner').dataset.state === 'online'`, 10*time.Second)
}

// rowProbeJS records in window.__rowSeen (ms since the epoch) when a list
// row whose preview contains text first appears.
func rowProbeJS(text string) string {
	return `(() => {
  window.__rowSeen = 0;
  const seen = () => [...document.querySelectorAll('.conv .conv-preview')].some((e) => e.textContent.includes(` + jsString(text) + `));
  new MutationObserver((_, o) => { if (seen()) { window.__rowSeen = Date.now(); o.disconnect(); } })
    .observe(document.body, { childList: true, subtree: true, characterData: true });
  return true;
})()`
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// count is how many events the visitor has received.
func (v *visitor) count() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.events)
}

// shot2 saves a screenshot as /tmp/parley-shots/console2-name.png (and in
// the browser's folder).
func shot2(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	shotAs(t, b, "console2-", name)
}
