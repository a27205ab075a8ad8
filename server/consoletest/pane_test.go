package consoletest

import (
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley-chat/parley/server/browsertest"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
)

// chromeOnWindows is the User-Agent the pane's visitor connects with.
const chromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"

// TestPane covers the conversation pane: the visitor sidebar (browser and
// OS, local time, an attribute, a previous conversation that opens on a
// click), assigning to another agent through the menu button (keyboard
// too), priority and a tag that survive a reload, a teammate viewing, and
// a reply going from ✓ to ✓✓ when the visitor reads it.
func TestPane(t *testing.T) {
	n := startNode(t)
	olive, olivePass := addAgent(t, n, "olive@shop.test", "Olive Owner", store.RoleOwner)
	bea, beaPass := addAgent(t, n, "bea@shop.test", "Bea Brown", store.RoleAgent)
	v, older, conv := paneVisitor(t, n)

	b := browsertest.NewBrowser(t)
	do(t, b, "desktop viewport", chromedp.EmulateViewport(1440, 900))
	signInUI(t, n, b, olive.Email, olivePass)
	openConv(t, b, conv, "#2231")
	browsertest.WaitJS(t, b.Ctx, "the sidebar", textJS("#side-browser", "Chrome 156 · Windows")+" && "+
		textJS(`.fact[data-attr="plan"] .fact-value`, "Pro")+" && "+`!!document.querySelector('.past-item[data-conv="`+older+`"]')`+" && "+
		textJS("#side-page-link", "Your orders")+" && "+`!!document.querySelector('#side-verified') === false`, 5*time.Second)
	want := browsertest.Eval[string](t, b.Ctx, `new Date().toLocaleTimeString('en', {timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit'})`)
	if got := browsertest.Eval[string](t, b.Ctx, `document.querySelector('#side-time').textContent`); got != want {
		t.Errorf("local time %q, want Tokyo's %q", got, want)
	}
	if rel := browsertest.Eval[string](t, b.Ctx, `document.querySelector('#side-page-link').rel`); rel != "noopener noreferrer" {
		t.Errorf("the page link's rel is %q", rel)
	}

	// Bea views it too: Olive sees her.
	b2 := browsertest.NewBrowser(t)
	signInUI(t, n, b2, bea.Email, beaPass)
	openConv(t, b2, conv, "#2231")
	browsertest.WaitJS(t, b.Ctx, "Bea viewing", textJS("#viewers", "Bea Brown is viewing"), 5*time.Second)

	// The assign menu opens from the keyboard and closes with Escape.
	do(t, b, "open the assign menu from the keyboard", chromedp.Focus(chromedp.CSS("#assign-other")), chromedp.KeyEvent(kb.ArrowDown))
	browsertest.WaitJS(t, b.Ctx, "the menu, its first item focused",
		`document.activeElement.getAttribute('role') === 'menuitemradio' && document.querySelector('#assign-other').getAttribute('aria-expanded') === 'true'`, 5*time.Second)
	do(t, b, "close it", chromedp.KeyEvent(kb.Escape))
	browsertest.WaitJS(t, b.Ctx, "the menu closed, focus back on its button", `!document.querySelector('#assign-menu') && document.activeElement.id === 'assign-other'`, 5*time.Second)
	do(t, b, "assign to Bea", chromedp.Click(chromedp.CSS("#assign-other")))
	do(t, b, "pick Bea", chromedp.Click(chromedp.CSS(`#assign-menu [data-agent="`+bea.ID+`"]`)))
	browsertest.WaitJS(t, b.Ctx, "assigned to Bea", textJS("#pane-sub", "Assigned to Bea Brown"), 5*time.Second)
	browsertest.WaitJS(t, b2.Ctx, "Bea sees it is hers", textJS("#pane-sub", "Assigned to you"), 5*time.Second)

	setPriorityAndTag(t, b)
	browsertest.WaitJS(t, b2.Ctx, "Bea sees priority and tag live", `document.querySelector('.priority').dataset.priority === 'urgent' && !!document.querySelector('.tag[data-tag="vip"]')`, 5*time.Second)
	shotAs(t, b, "pane-", "desktop")
	src := browsertest.AxeSource(t)
	browsertest.ReportAxe(t, "pane with the sidebar", browsertest.RunAxe(t, b.Ctx, src))
	do(t, b, "open the assign menu", chromedp.Click(chromedp.CSS("#assign-other")))
	browsertest.WaitJS(t, b.Ctx, "the assign menu", `!!document.querySelector('#assign-menu [aria-checked="true"]')`, 5*time.Second)
	shotAs(t, b, "pane-", "assign-menu")
	browsertest.ReportAxe(t, "assign menu", browsertest.RunAxe(t, b.Ctx, src))
	do(t, b, "close it", chromedp.KeyEvent(kb.Escape))

	// ✓ then ✓✓ once the visitor reads the reply.
	do(t, b, "reply", chromedp.SendKeys(chromedp.CSS("#composer"), "It ships today."+kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "the reply sent", `!!document.querySelector('.msg[data-kind="agent"][data-delivery="sent"] .tick[data-delivery="sent"]')`, 5*time.Second)
	v.SendJSON(map[string]any{"type": "read", "conv": conv, "seq": 2})
	browsertest.WaitJS(t, b.Ctx, "the reply seen", `!!document.querySelector('.msg[data-kind="agent"][data-delivery="seen"] .tick[data-delivery="seen"]')`, 5*time.Second)

	// A reload keeps priority and tag (and the seen mark).
	b.Navigate(t, n.URL+"/console/")
	browsertest.WaitJS(t, b.Ctx, "the inbox again", `!!document.querySelector('.view[data-view="open"]')`, 20*time.Second)
	do(t, b, "show all open", chromedp.Click(chromedp.CSS(`.view[data-view="open"]`)))
	openConv(t, b, conv, "#2231")
	browsertest.WaitJS(t, b.Ctx, "priority, tag and seen after a reload", `document.querySelector('.priority').dataset.priority === 'urgent' && `+
		`!!document.querySelector('.tag[data-tag="vip"]') && !!document.querySelector('.msg[data-delivery="seen"]')`, 5*time.Second)

	snoozeAnHour(t, b)

	do(t, b, "phone viewport", chromedp.EmulateViewport(390, 844))
	shotAs(t, b, "pane-", "phone")
	do(t, b, "scroll to the sidebar", chromedp.ScrollIntoView(chromedp.CSS("#sidebar")))
	shotAs(t, b, "pane-", "phone-sidebar")
	do(t, b, "desktop viewport", chromedp.EmulateViewport(1440, 900))
	do(t, b, "open the previous conversation", chromedp.Click(chromedp.CSS(`.past-item[data-conv="`+older+`"]`)))
	browsertest.WaitJS(t, b.Ctx, "the previous conversation", textJS(`.msg[data-kind="visitor"] .bubble`, "Do you gift-wrap?"), 5*time.Second)
	for _, br := range []*browsertest.Browser{b, b2} {
		for _, en := range br.Console.Problems(nil) {
			t.Errorf("console: %s", en)
		}
	}
}

// paneVisitor connects a raw visitor with a browser's User-Agent, a time
// zone and an attribute, who has an older conversation and a new one.
func paneVisitor(t *testing.T, n *servertest.Node) (v *servertest.Raw, older, conv string) {
	t.Helper()
	v = servertest.DialHeader(t, n.WS+"/ws/visitor", http.Header{"User-Agent": {chromeOnWindows}})
	v.SendJSON(map[string]any{"type": "hello", "site": n.SiteKey, "token": "", "locale": "ja-JP", "timezone": "Asia/Tokyo",
		"page":       map[string]string{"url": servertest.SiteOrigin + "/orders", "title": "Your orders", "referrer": "https://www.google.com/"},
		"identity":   map[string]string{"name": "Maria Garcia", "email": "maria@example.com"},
		"attributes": map[string]string{"plan": "Pro", "orders": "12"}})
	v.Expect("welcome")
	v.SendJSON(map[string]any{"type": "send", "id": "1", "conv": "", "cmid": "c1", "body": "Do you gift-wrap?"})
	older = v.Await("ack")["conv"].(string)
	time.Sleep(20 * time.Millisecond) // a later activity time
	v.SendJSON(map[string]any{"type": "send", "id": "2", "conv": "", "cmid": "c2", "body": "Where is my parcel #2231?"})
	return v, older, v.Await("ack")["conv"].(string)
}

// setPriorityAndTag makes the open conversation urgent and tags it VIP.
func setPriorityAndTag(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	browsertest.WaitJS(t, b.Ctx, "no change on its way", `!document.querySelector('#priority').disabled`, 5*time.Second)
	browsertest.Eval[bool](t, b.Ctx, `(() => { const s = document.querySelector('#priority'); s.value = 'urgent';
  s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	browsertest.WaitJS(t, b.Ctx, "urgent", `document.querySelector('.priority').dataset.priority === 'urgent' && !document.querySelector('#priority').disabled`, 5*time.Second)
	do(t, b, "add a tag", chromedp.SendKeys(chromedp.CSS("#tag-input"), " VIP"+kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "the tag chip", `!!document.querySelector('.tag[data-tag="vip"]')`, 5*time.Second)
}

// openConv opens a conversation from the list once its row shows, by the
// row's own click (rows move while the list sorts), and waits for text in
// the thread.
func openConv(t *testing.T, b *browsertest.Browser, conv, text string) {
	t.Helper()
	row := jsString(convJS(conv))
	browsertest.WaitJS(t, b.Ctx, "the conversation's row", `!!document.querySelector(`+row+`)`, 5*time.Second)
	browsertest.Eval[bool](t, b.Ctx, `(document.querySelector(`+row+`).click(), true)`)
	browsertest.WaitJS(t, b.Ctx, "the conversation open", textJS(`.msg[data-kind="visitor"] .bubble`, text), 5*time.Second)
}

// snoozeAnHour snoozes the open conversation with the status menu's first
// preset and checks the pane says until when.
func snoozeAnHour(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	browsertest.WaitJS(t, b.Ctx, "no change on its way", `!document.querySelector('#status').disabled`, 5*time.Second)
	browsertest.Eval[bool](t, b.Ctx, `(() => { const s = document.querySelector('#status'); s.value = 'snooze…';
  s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	browsertest.WaitJS(t, b.Ctx, "the snooze menu, its first preset focused", `document.activeElement.dataset.preset === 'hour'`, 5*time.Second)
	shotAs(t, b, "pane-", "snooze-menu")
	browsertest.ReportAxe(t, "snooze menu", browsertest.RunAxe(t, b.Ctx, browsertest.AxeSource(t)))
	do(t, b, "snooze for an hour", chromedp.KeyEvent(kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "snoozed", `document.querySelector('#status').value === 'snoozed' && !!document.querySelector('#snoozed-until') && !document.querySelector('#snooze-menu')`, 5*time.Second)
}
