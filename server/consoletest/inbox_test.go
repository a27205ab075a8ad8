package consoletest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley-chat/parley/server/browsertest"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/shared/protocol"
)

// TestInboxAtScale: with 1,000 open conversations the list holds them all
// but draws only the rows in view, and scrolling reaches the last; a
// search by a resolved conversation's message text finds it with the
// match marked, keyboard-first (Arrow Down, Enter opens it) and announced;
// Esc and the clear button restore the view; a conversation snoozed
// elsewhere shows in the Snoozed view until when, and moves back to open
// live when it wakes. axe finds nothing serious on the results.
func TestInboxAtScale(t *testing.T) {
	n := startNode(t)
	ctx := context.Background()
	olive, password := addAgent(t, n, "olive@shop.test", "Olive Owner", store.RoleOwner)
	stage := browsertest.Stages(t)
	seedInbox(t, n, olive, benchConvs)
	tom := newVisitor(t, n, "Tom Becker", "tom@example.com")
	parcel := tom.say(t, "", "Hello, my parcel tracking code is ZX-4471 and it has not moved")
	resolved := protocol.StatusResolved
	if _, err := n.Server.Chat.Update(ctx, parcel, store.ConversationPatch{Status: &resolved}); err != nil {
		t.Fatal(err)
	}
	stage("seeded")

	b := browsertest.NewBrowser(t)
	src := browsertest.AxeSource(t)
	signInUI(t, n, b, olive.Email, password)
	// The welcome names the 1,000 newest conversations: Tom's (resolved)
	// and 999 of the open ones.
	total := strconv.Itoa(benchConvs - 1)
	browsertest.WaitJS(t, b.Ctx, "the list of 999 with names", textJS(`.count[data-view="open"]`, total)+
		` && document.querySelector('#convs').dataset.total === '`+total+`' && `+textJS(".conv-name", "Visitor 0"), 20*time.Second)
	if drawn := browsertest.Eval[int](t, b.Ctx, `document.querySelectorAll('#convs .conv').length`); drawn > 60 {
		t.Errorf("%d rows drawn for a list of %s, want only those in view", drawn, total)
	}
	shotAs(t, b, "inbox-", "1000")
	stage("1,000 listed")

	browsertest.Eval[bool](t, b.Ctx, `(() => { const l = document.querySelector('#convs'); l.scrollTop = l.scrollHeight; return true; })()`)
	browsertest.WaitJS(t, b.Ctx, "the last row", `[...document.querySelectorAll('#convs li[aria-posinset]')].some((e) => e.getAttribute('aria-posinset') === '`+total+`')`, 5*time.Second)
	browsertest.Eval[int](t, b.Ctx, `document.querySelector('#convs').scrollTop = 0`)
	browsertest.WaitJS(t, b.Ctx, "the first row again", `document.querySelector('#convs li[aria-posinset]').getAttribute('aria-posinset') === '1'`, 5*time.Second)
	stage("scrolled")

	do(t, b, "search a message's words", chromedp.Click(chromedp.CSS("#search")), chromedp.SendKeys(chromedp.CSS("#search"), "zx-4471"))
	browsertest.WaitJS(t, b.Ctx, "the resolved conversation found", `document.querySelectorAll('#convs .conv').length === 1 && `+
		textJS(convJS(parcel)+" .conv-match mark", "ZX-4471")+" && "+textJS("#search-status", "1 conversations found"), 5*time.Second)
	shotAs(t, b, "inbox-", "search")
	browsertest.ReportAxe(t, "search results", browsertest.RunAxe(t, b.Ctx, src))
	do(t, b, "Arrow Down to the result, Enter", chromedp.KeyEvent(kb.ArrowDown))
	browsertest.WaitJS(t, b.Ctx, "the result focused", `document.activeElement.dataset.conv === '`+parcel+`'`, 5*time.Second)
	do(t, b, "open it", chromedp.KeyEvent(kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "the found conversation open", textJS(`.msg[data-kind="visitor"] .bubble`, "ZX-4471")+" && "+textJS(".pane-head", "Tom Becker"), 5*time.Second)
	stage("found by message text")

	do(t, b, "Esc in the search box", chromedp.Focus(chromedp.CSS("#search")), chromedp.KeyEvent(kb.Escape))
	browsertest.WaitJS(t, b.Ctx, "the view again", `document.querySelector('#search').value === '' && document.querySelector('#convs').dataset.total === '`+total+`'`, 5*time.Second)
	do(t, b, "search a name", chromedp.SendKeys(chromedp.CSS("#search"), "Visitor 0420"))
	browsertest.WaitJS(t, b.Ctx, "the visitor found by name", `document.querySelectorAll('#convs .conv').length === 1 && `+textJS(".conv-name", "Visitor 0420"), 5*time.Second)
	do(t, b, "clear", chromedp.Click(chromedp.CSS("#search-clear")))
	browsertest.WaitJS(t, b.Ctx, "the view after clearing", `document.querySelector('#convs').dataset.total === '`+total+`' && document.querySelector('#search').value === ''`, 5*time.Second)
	browsertest.WaitJS(t, b.Ctx, "the search box focused", `document.activeElement.id === 'search'`, 5*time.Second)
	stage("search cleared")

	snoozed, until := protocol.StatusSnoozed, time.Now().Add(2*time.Hour)
	if _, err := n.Server.Chat.Update(ctx, parcel, store.ConversationPatch{Status: &snoozed, SnoozedUntil: &until}); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, b.Ctx, "the snoozed count", textJS(`.count[data-view="snoozed"]`, "1"), 5*time.Second)
	do(t, b, "show snoozed", chromedp.Click(chromedp.CSS(`.view[data-view="snoozed"]`)))
	wake := until.Local().Format("15:04")
	if until.Local().Day() != time.Now().Local().Day() { // after 22:00 two hours on is tomorrow: the row names the day
		wake = until.Local().Format("Mon 15:04")
	}
	browsertest.WaitJS(t, b.Ctx, "the row with its wake time", textJS(convJS(parcel)+" .conv-time", "until "+wake), 5*time.Second)
	shotAs(t, b, "inbox-", "snoozed")
	if woke, err := n.Server.Chat.WakeSnoozed(ctx, until.Add(time.Second)); err != nil || woke != 1 {
		t.Fatalf("woke %d, %v", woke, err)
	}
	browsertest.WaitJS(t, b.Ctx, "woken live", textJS(`.count[data-view="snoozed"]`, "0")+" && "+textJS(`.count[data-view="open"]`, strconv.Itoa(benchConvs)), 5*time.Second)
	stage("snoozed and woken")

	for _, en := range b.Console.Problems(nil) {
		t.Errorf("console: %s", en)
	}
}
