package consoletest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley-chat/parley/server/browsertest"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
	"github.com/parley-chat/parley/widget/conn"
)

// TestConsole is phase 1 of the console end to end: an owner signs in
// through the UI (after one wrong password); a visitor's new conversation
// appears in the inbox within a second; the agent opens it, replies (the
// visitor receives it), writes an internal note (the visitor never does),
// assigns it to themself and resolves it (the visitor gets the status).
// Older messages load when the agent scrolls up; nothing is logged as an
// error but the wrong password's 401.
func TestConsole(t *testing.T) {
	n := startNode(t)
	ctx := context.Background()
	owner, password := addAgent(t, n, "olive@shop.test", "Olive Owner", store.RoleOwner)
	stage := browsertest.Stages(t)

	// Conversations already waiting: a long one Ada answered, an anonymous
	// visitor's question.
	tom := newVisitor(t, n, "Tom Becker", "tom@example.com")
	long := tom.say(t, "", "Hello, question about returns (1)")
	for i := 2; i <= 44; i++ { // straight into the store: a visitor socket may send only 40 frames at once
		if _, err := n.Server.Store.AppendMessage(ctx, store.NewMessage{ConvID: long, AuthorKind: protocol.AuthorVisitor, AuthorID: tom.c.VisitorID(),
			AuthorName: "Tom Becker", CMID: fmt.Sprintf("tom-%d", i), Body: fmt.Sprintf("Hello, question about returns (%d)", i)}); err != nil {
			t.Fatal(err)
		}
	}
	n.Reply(t, long, "Sure — returns are free within 30 days.", "ada-1")
	anon := newVisitor(t, n, "", "")
	anonConv := anon.say(t, "", "Do you ship to Canada?")

	b := browsertest.NewBrowser(t)
	b.Navigate(t, n.URL+"/console")
	browsertest.WaitJS(t, b.Ctx, "the sign-in form", `!!document.querySelector('#signin #email') && location.pathname === '/console/'`, 20*time.Second)
	stage("sign-in page")

	// A wrong password is refused with a message; the right one signs in.
	do(t, b, "type a wrong password", chromedp.SendKeys(chromedp.CSS("#email"), owner.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), "not-the-password"), chromedp.Click(chromedp.CSS("#signin-submit")))
	browsertest.WaitJS(t, b.Ctx, "the wrong-password message", textJS("#signin-error", "Wrong email or password"), 5*time.Second)
	shot(t, b, "signin")
	do(t, b, "type the password", chromedp.SendKeys(chromedp.CSS("#password"), password), chromedp.Click(chromedp.CSS("#signin-submit")))
	browsertest.WaitJS(t, b.Ctx, "the inbox, online", `!!document.querySelector('.console.inbox') && document.querySelector('#banner').dataset.state === 'online'`, 10*time.Second)
	browsertest.WaitJS(t, b.Ctx, "the waiting anonymous visitor", textJS(".conv-name", "Visitor #"), 5*time.Second)
	stage("signed in")

	// A new visitor: the conversation appears within a second.
	maria := newVisitor(t, n, "Maria Garcia", "maria@example.com")
	conv := maria.say(t, "", "Hi! My order #1042 has not arrived yet.")
	took := browsertest.WaitJS(t, b.Ctx, "the new conversation in the inbox", `!!document.querySelector('`+convJS(conv)+`')`, 5*time.Second)
	t.Logf("the new conversation appeared in the inbox %v after the visitor's ack", took.Round(time.Millisecond))
	if took > time.Second {
		t.Errorf("the new conversation took %v to appear, want within 1s", took)
	}
	browsertest.WaitJS(t, b.Ctx, "Maria's name and preview", textJS(convJS(conv)+" .conv-name", "Maria Garcia")+" && "+
		textJS(convJS(conv)+" .conv-preview", "#1042"), 5*time.Second)
	browsertest.WaitJS(t, b.Ctx, "the unassigned count", textJS(`.count[data-view="unassigned"]`, "3"), 5*time.Second)
	shot(t, b, "inbox")
	stage("new conversation listed")

	// Open it and reply: Shift+Enter breaks the line, Enter sends.
	do(t, b, "open the conversation", chromedp.Click(chromedp.CSS(convJS(conv))))
	browsertest.WaitJS(t, b.Ctx, "the visitor's message", textJS(`.msg[data-kind="visitor"] .bubble`, "#1042"), 5*time.Second)
	do(t, b, "type a reply", chromedp.Focus(chromedp.CSS("#composer")), chromedp.SendKeys(chromedp.CSS("#composer"), "Sorry about that, Maria!"),
		chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierShift)),
		chromedp.SendKeys(chromedp.CSS("#composer"), "Let me check with the courier."+kb.Enter))
	reply := "Sorry about that, Maria!\nLet me check with the courier."
	got := maria.waitEvent(t, "the agent's reply", 5*time.Second, func(ev conn.Event) bool {
		return ev.Kind == conn.EventMessage && ev.Message.Msg.Author.Kind == protocol.AuthorAgent
	})
	if m := got.Message.Msg; m.Body != reply || m.Author.ID != owner.ID || m.Author.Name != "Olive Owner" {
		t.Fatalf("the visitor received %+v, want %q from Olive", m, reply)
	}
	browsertest.WaitJS(t, b.Ctx, "the reply shown as sent", `[...document.querySelectorAll('.msg[data-kind="agent"]')].some((e) => !e.dataset.state && e.textContent.includes('courier'))`, 5*time.Second)
	if v := browsertest.Eval[string](t, b.Ctx, `document.querySelector('#composer').value`); v != "" {
		t.Fatalf("the composer still holds %q after Enter", v)
	}
	stage("replied")

	// An internal note: shown to the team, labelled, never sent to the visitor.
	note := "VIP customer, ordered twice this month."
	do(t, b, "write a note", chromedp.Click(chromedp.CSS("#mode-note")), chromedp.SendKeys(chromedp.CSS("#composer"), note+kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "the note in the thread", textJS(`.msg[data-kind="note"]`, "VIP customer")+" && "+
		textJS(`.msg[data-kind="note"] .note-label`, "Internal note"), 5*time.Second)
	browsertest.WaitJS(t, b.Ctx, "the note stored", `[...document.querySelectorAll('.msg[data-kind="note"]')].every((e) => !e.dataset.state)`, 5*time.Second)
	if notes, err := n.Server.Store.Notes(ctx, conv); err != nil || len(notes) != 1 || notes[0].Body != note || notes[0].AuthorID != owner.ID {
		t.Fatalf("stored notes %+v, %v", notes, err)
	}
	do(t, b, "back to replies", chromedp.Click(chromedp.CSS("#mode-reply")))
	maria.say(t, conv, "Thanks, I'll wait.")
	browsertest.WaitJS(t, b.Ctx, "the visitor's answer", textJS(`.msg[data-kind="visitor"] .bubble`, "I'll wait"), 5*time.Second)
	shot(t, b, "conversation")
	stage("note written")

	// Assign to me: the list's counts move, the visitor hears of it.
	do(t, b, "assign to me", chromedp.Click(chromedp.CSS("#assign")))
	maria.waitEvent(t, "the assignment", 5*time.Second, func(ev conn.Event) bool {
		s, ok := ev.Frame.(*protocol.Status)
		return ev.Kind == conn.EventStatus && ok && s.Assignee == owner.ID
	})
	browsertest.WaitJS(t, b.Ctx, "the assignment shown", textJS("#pane-sub", "Assigned to you")+" && "+
		textJS(`.count[data-view="mine"]`, "1")+" && "+textJS(`.count[data-view="unassigned"]`, "2"), 5*time.Second)
	stage("assigned")

	// Resolve: the visitor gets the status frame.
	do(t, b, "resolve", chromedp.Click(chromedp.CSS("#resolve")))
	maria.waitEvent(t, "the resolved status", 5*time.Second, func(ev conn.Event) bool {
		s, ok := ev.Frame.(*protocol.Status)
		return ev.Kind == conn.EventStatus && ok && s.Status == protocol.StatusResolved
	})
	browsertest.WaitJS(t, b.Ctx, "resolved in the console", textJS("#resolve", "Reopen")+" && "+
		textJS(`.count[data-view="resolved"]`, "1")+" && "+textJS(`.count[data-view="mine"]`, "0"), 5*time.Second)
	if c, err := n.Server.Store.ConversationByID(ctx, conv); err != nil || c.Status != protocol.StatusResolved || c.Assignee != owner.ID {
		t.Fatalf("stored conversation %+v, %v", c, err)
	}
	shot(t, b, "resolved")
	stage("resolved")

	// Infinite scroll: the long conversation shows its newest page, then
	// the rest when scrolled to the top.
	do(t, b, "show all open", chromedp.Click(chromedp.CSS(`.view[data-view="open"]`)))
	do(t, b, "open the long conversation", chromedp.Click(chromedp.CSS(convJS(long))))
	browsertest.WaitJS(t, b.Ctx, "the newest page, scrolled to its end", `document.querySelectorAll('.msg').length === 30 && `+textJS(".bubble", "(44)")+
		` && document.querySelector('#messages').scrollTop > 0`, 5*time.Second)
	// Scrolled up on every poll: a late redraw may scroll the list back down.
	browsertest.WaitJS(t, b.Ctx, "the older messages", `(() => {
		if (document.querySelectorAll('.msg').length === 45) return true;
		document.querySelector('#messages').scrollTop = 0;
		return false;
	})() && `+textJS(".bubble", "(1)"), 5*time.Second)
	shot(t, b, "history")
	stage("older messages loaded")

	// The node restarts: the console says it is reconnecting, then
	// catches up with what was said meanwhile.
	browsertest.Eval[bool](t, b.Ctx, bannerProbeJS)
	outageStart := time.Now()
	n.Restart(t)
	anon.say(t, anonConv, "Hello? Anyone there?")
	browsertest.WaitJS(t, b.Ctx, "the message sent after the restart", textJS(convJS(anonConv)+" .conv-preview", "Anyone there"), 10*time.Second)
	browsertest.WaitJS(t, b.Ctx, "the banner gone", `['online', 'back-online'].includes(document.querySelector('#banner').dataset.state)`, 10*time.Second)
	outageEnd := time.Now()
	if seen := browsertest.Eval[[]string](t, b.Ctx, `window.__banner`); !slices.Contains(seen, "reconnecting") {
		t.Errorf("the banner went through %v, never reconnecting", seen)
	}
	stage("caught up after a restart")

	// Signing out ends the session: a reload shows the sign-in page.
	do(t, b, "sign out", chromedp.Click(chromedp.CSS("#signout")))
	browsertest.WaitJS(t, b.Ctx, "the sign-in form", `!!document.querySelector('#signin #email')`, 5*time.Second)
	b.Navigate(t, n.URL+"/console/")
	browsertest.WaitJS(t, b.Ctx, "the sign-in form after a reload", `!!document.querySelector('#signin #email')`, 20*time.Second)
	stage("signed out")

	if maria.received(note) || maria.received("VIP") {
		t.Fatal("the visitor received the internal note")
	}
	for _, en := range b.Console.Problems(func(en browsertest.Entry) bool {
		wrongPassword := strings.Contains(en.Msg.URL, "/api/console/login") && strings.Contains(en.Msg.Text, "401")
		outage := strings.Contains(en.Msg.Text, "WebSocket connection to") && en.At.After(outageStart) && en.At.Before(outageEnd)
		return wrongPassword || outage
	}) {
		t.Errorf("console: %s", en)
	}
}

// bannerProbeJS records every state the connection banner goes through in
// window.__banner.
const bannerProbeJS = `(() => {
  const b = document.querySelector('#banner');
  window.__banner = [];
  new MutationObserver(() => window.__banner.push(b.dataset.state)).observe(b, { attributes: true, attributeFilter: ['data-state'] });
  return true;
})()`
