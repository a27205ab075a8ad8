package consoletest

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley-chat/parley/server/browsertest"
	"github.com/parley-chat/parley/server/store"
)

// TestAccessibility is issue 4's acceptance 4: axe-core finds no serious
// or critical violation on the inbox (a list of conversations, none open)
// nor on a conversation with a reply, an internal note and the visitor
// typing. Every violation is logged.
func TestAccessibility(t *testing.T) {
	n := startNode(t)
	olive, password := addAgent(t, n, "olive@shop.test", "Olive Owner", store.RoleOwner)
	b := browsertest.NewBrowser(t)
	src := browsertest.AxeSource(t)
	maria := newVisitor(t, n, "Maria Garcia", "maria@example.com")
	conv := maria.say(t, "", "Hi! My order #1042 has not arrived yet.")
	anon := newVisitor(t, n, "", "")
	anon.say(t, "", "Do you ship to Canada?")

	signInUI(t, n, b, olive.Email, password)
	browsertest.WaitJS(t, b.Ctx, "both conversations listed", `document.querySelectorAll('.conv').length === 2`, 5*time.Second)
	shot2(t, b, "a11y-inbox")
	browsertest.ReportAxe(t, "inbox", browsertest.RunAxe(t, b.Ctx, src))

	do(t, b, "open the conversation", chromedp.Click(chromedp.CSS(convJS(conv))))
	browsertest.WaitJS(t, b.Ctx, "the visitor's message", textJS(`.msg[data-kind="visitor"] .bubble`, "#1042"), 5*time.Second)
	do(t, b, "reply", chromedp.SendKeys(chromedp.CSS("#composer"), "Let me check with the courier."+kb.Enter))
	do(t, b, "write a note", chromedp.Click(chromedp.CSS("#mode-note")), chromedp.SendKeys(chromedp.CSS("#composer"), "VIP customer."+kb.Enter))
	do(t, b, "assign to me", chromedp.Click(chromedp.CSS("#assign")))
	do(t, b, "show all open", chromedp.Click(chromedp.CSS(`.view[data-view="open"]`))) // the rows with and without an assignee
	maria.c.Typing(conv, true)
	browsertest.WaitJS(t, b.Ctx, "the thread with a reply, a note, the assignment and the visitor typing",
		textJS(`.msg[data-kind="note"]`, "VIP")+" && "+textJS(`.msg[data-kind="agent"]`, "courier")+" && "+
			`![...document.querySelectorAll('.msg')].some((e) => e.dataset.state)`+" && "+
			textJS("#pane-sub", "Assigned to you")+" && "+textJS(".conv-assignee", "You")+" && "+textJS(".typing", "is typing"), 5*time.Second)
	shot2(t, b, "a11y-conversation")
	browsertest.ReportAxe(t, "conversation", browsertest.RunAxe(t, b.Ctx, src))

	for _, en := range b.Console.Problems(nil) {
		t.Errorf("console: %s", en)
	}
}
