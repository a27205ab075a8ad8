package consoletest

import (
	"context"
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

// TestPresenceShortcutsLanguage covers the console around the inbox: the
// away toggle in the rail menu makes a visitor see the site offline and
// back, and survives a reload; a teammate's presence shows as a dot; ? opens the shortcuts' help
// (an axe-clean modal that keeps the focus) and Esc closes it; j/k move
// the selection and Enter opens it; a message for a conversation that is
// not open puts the unread count in the tab's title and a desktop
// notification up (permission asked from the menu only), whose click
// opens the conversation and clears the count;
// 中文 switches the words at once and survives a reload.
func TestPresenceShortcutsLanguage(t *testing.T) {
	n := startNode(t)
	olive, password := addAgent(t, n, "olive@shop.test", "Olive Owner", store.RoleOwner)
	maria := newVisitor(t, n, "Maria Garcia", "maria@example.com")
	first := maria.say(t, "", "Hi! My order #1042 has not arrived yet.")
	tom := newVisitor(t, n, "Tom Becker", "tom@example.com")
	second := tom.say(t, "", "Do you ship to Canada?")

	b := browsertest.NewBrowser(t)
	b.OnNewDocument(t, fakeNotificationJS)
	src := browsertest.AxeSource(t)
	signInUI(t, n, b, olive.Email, password)
	online := func(want bool) func(conn.Event) bool {
		return func(ev conn.Event) bool {
			p, ok := ev.Frame.(*protocol.Presence)
			return ev.Kind == conn.EventPresence && ok && p.Online == want
		}
	}
	maria.waitEvent(t, "the site online", 5*time.Second, online(true))

	// Away, from the rail menu: the visitor sees the site offline.
	do(t, b, "open the rail menu", chromedp.Click(chromedp.CSS("#me-button")))
	browsertest.WaitJS(t, b.Ctx, "the menu", `!!document.querySelector('#me-menu #presence-away')`, 5*time.Second)
	shotAs(t, b, "presence-", "menu")
	browsertest.ReportAxe(t, "rail menu", browsertest.RunAxe(t, b.Ctx, src))
	maria.mu.Lock()
	maria.events = nil
	maria.mu.Unlock()
	do(t, b, "go away", chromedp.Click(chromedp.CSS("#presence-away")))
	maria.waitEvent(t, "the site offline", 5*time.Second, online(false))
	browsertest.WaitJS(t, b.Ctx, "the away dot", `document.querySelector('#me-button').dataset.state === 'away' && `+
		`document.querySelector('#presence-away').getAttribute('aria-pressed') === 'true'`, 5*time.Second)
	// Still away after a reload, and the visitors never saw the site online.
	b.Navigate(t, n.URL+"/console/")
	browsertest.WaitJS(t, b.Ctx, "away after a reload", `document.querySelector('#banner')?.dataset.state === 'online' && `+
		`document.querySelector('#me-button').dataset.state === 'away'`, 10*time.Second)
	maria.mu.Lock()
	for _, ev := range maria.events {
		if p, ok := ev.Frame.(*protocol.Presence); ok && p.Online {
			t.Errorf("the visitor saw the site online while its only agent was away")
		}
	}
	maria.mu.Unlock()
	if asked := browsertest.Eval[float64](t, b.Ctx, `window.__asked`); asked != 0 {
		t.Fatalf("the console asked for notifications %v times on load", asked)
	}
	do(t, b, "open the rail menu", chromedp.Click(chromedp.CSS("#me-button")))
	do(t, b, "enable notifications", chromedp.Click(chromedp.CSS("#notify-enable")))
	browsertest.WaitJS(t, b.Ctx, "notifications on", textJS("#notify-state", "on")+` && window.__asked === 1`, 5*time.Second)
	do(t, b, "come back", chromedp.Click(chromedp.CSS("#presence-online")))
	maria.waitEvent(t, "the site online again", 5*time.Second, online(true))
	browsertest.WaitJS(t, b.Ctx, "the online dot", `document.querySelector('#me-button').dataset.state === 'online'`, 5*time.Second)
	do(t, b, "close the menu", chromedp.KeyEvent(kb.Escape))
	browsertest.WaitJS(t, b.Ctx, "the menu closed, focus on its button", `!document.querySelector('#me-menu') && document.activeElement.id === 'me-button'`, 5*time.Second)

	// A teammate connects: listed with an online dot.
	newAgent(t, n)
	browsertest.WaitJS(t, b.Ctx, "the teammate online", `document.querySelector('.mate[data-agent="`+n.Agent.ID+`"]')?.dataset.state === 'online'`, 5*time.Second)

	// ? opens the help; focus stays in it; Esc closes it.
	do(t, b, "blur", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	do(t, b, "press ?", chromedp.KeyEvent("?"))
	browsertest.WaitJS(t, b.Ctx, "the help dialog", `(() => { const d = document.querySelector('#help');
		return !!d && d.getAttribute('role') === 'dialog' && d.getAttribute('aria-modal') === 'true' && d.contains(document.activeElement)
		&& d.querySelectorAll('.key-row').length >= 16; })()`, 5*time.Second)
	do(t, b, "tab around", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	if !browsertest.Eval[bool](t, b.Ctx, `document.querySelector('#help').contains(document.activeElement)`) {
		t.Fatal("Tab left the help dialog")
	}
	shotAs(t, b, "presence-", "help")
	browsertest.ReportAxe(t, "help", browsertest.RunAxe(t, b.Ctx, src))
	do(t, b, "press Esc", chromedp.KeyEvent(kb.Escape))
	browsertest.WaitJS(t, b.Ctx, "the help closed", `!document.querySelector('#help')`, 5*time.Second)

	// j/k move the selection through the list; Enter opens it.
	rows := browsertest.Eval[[]string](t, b.Ctx, `[...document.querySelectorAll('.conv')].map((e) => e.dataset.conv)`)
	if len(rows) != 2 {
		t.Fatalf("list rows %v", rows)
	}
	selected := func(key, conv string) {
		t.Helper()
		do(t, b, "press "+key, chromedp.KeyEvent(key))
		browsertest.WaitJS(t, b.Ctx, key+" selecting "+conv, `document.activeElement.dataset.conv === '`+conv+`'`, 5*time.Second)
	}
	selected("j", rows[0])
	selected("j", rows[1])
	selected("j", rows[1]) // the end of the list
	selected("k", rows[0])
	firstRow := rows[0]
	do(t, b, "press Enter", chromedp.KeyEvent(kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "the selected conversation open", `document.querySelector('`+convJS(firstRow)+`').getAttribute('aria-current') === 'true'`, 5*time.Second)

	// A message for the conversation that is not open: "(1) Parley".
	other, otherVisitor := second, tom
	if firstRow == second {
		other, otherVisitor = first, maria
	}
	otherVisitor.say(t, other, "Hello? Anyone there?")
	browsertest.WaitJS(t, b.Ctx, "the unread count in the title", `document.title === '(1) Parley'`, 5*time.Second)
	note := browsertest.Eval[map[string]string](t, b.Ctx, `(() => { const n = window.__notes.at(-1) || {}; return {title: n.title || '', body: n.body || '', tag: n.tag || ''}; })()`)
	if note["title"] != "New message from "+map[string]string{first: "Maria Garcia", second: "Tom Becker"}[other] || note["body"] != "Hello? Anyone there?" || note["tag"] != other {
		t.Fatalf("desktop notification %v", note)
	}
	do(t, b, "click the notification", chromedp.Evaluate[chromedp.Void](`window.__notes.at(-1).onclick()`))
	browsertest.WaitJS(t, b.Ctx, "the other conversation open", `document.querySelector('`+convJS(other)+`').getAttribute('aria-current') === 'true'`, 5*time.Second)
	browsertest.WaitJS(t, b.Ctx, "the title cleared", `document.title === 'Parley'`, 5*time.Second)

	// 中文 from the rail menu, at once and after a reload.
	do(t, b, "open the rail menu", chromedp.Click(chromedp.CSS("#me-button")), chromedp.Click(chromedp.CSS("#lang-zh")))
	browsertest.WaitJS(t, b.Ctx, "the console in Chinese", textJS(".rail-title", "收件箱")+` && document.documentElement.lang === 'zh-CN'`, 5*time.Second)
	shotAs(t, b, "presence-", "menu-zh")
	b.Navigate(t, n.URL+"/console/")
	browsertest.WaitJS(t, b.Ctx, "still Chinese after a reload", textJS(".rail-title", "收件箱")+` && document.documentElement.lang === 'zh-CN'`, 10*time.Second)

	for _, en := range b.Console.Problems(nil) {
		t.Errorf("console: %s", en)
	}
}

// fakeNotificationJS stands in for the browser's Notification: it counts
// permission requests and records what is shown (a headless browser shows
// nothing).
const fakeNotificationJS = `window.__asked = 0; window.__notes = [];
window.Notification = class {
  constructor(title, opts) { this.title = title; Object.assign(this, opts); window.__notes.push(this); }
  close() {}
  static requestPermission() { window.__asked++; Notification.permission = 'granted'; return Promise.resolve('granted'); }
};
window.Notification.permission = 'default';`

// newAgent connects the node's provisioned agent with its API token until
// the test ends.
func newAgent(t *testing.T, n *servertest.Node) {
	t.Helper()
	c := conn.New(conn.Config{URL: n.WS + "/ws/agent", Hello: protocol.Hello{Token: n.AgentToken}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = c.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}
