package consoletest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley-chat/parley/server/browsertest"
	"github.com/parley-chat/parley/server/servertest"
	"github.com/parley-chat/parley/server/store"
	"github.com/parley-chat/parley/widget/conn"
)

// The settings screen and the composer's canned responses, in a real
// browser. Screenshots go to /tmp/parley-shots/settings-*.png.

func shotS(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	shotAs(t, b, "settings-", name)
}

// ownerUI signs a new owner in and returns the browser.
func ownerUI(t *testing.T, n *servertest.Node) *browsertest.Browser {
	t.Helper()
	olive, password := addAgent(t, n, "olive@shop.test", "Olive Owner", store.RoleOwner)
	b := browsertest.NewBrowser(t)
	signInUI(t, n, b, olive.Email, password)
	return b
}

// openSection opens the settings screen at a section.
func openSection(t *testing.T, b *browsertest.Browser, sec string) {
	t.Helper()
	if !browsertest.Eval[bool](t, b.Ctx, `!!document.querySelector('#settings')`) {
		do(t, b, "open settings", chromedp.Click(chromedp.CSS("#settings-open")))
	}
	do(t, b, "open "+sec, chromedp.Click(chromedp.CSS(`.settings-sections .view[data-section="`+sec+`"]`)))
	browsertest.WaitJS(t, b.Ctx, sec, `document.querySelector('#settings').dataset.section === '`+sec+`'`, 5*time.Second)
}

// TestSettingsCanned: the owner adds a canned response in Settings; in a
// conversation "/thanks" + Enter puts its body in the reply box without
// sending it; a second Enter sends it. The composer's button opens the
// same picker, which inserts where the caret was.
func TestSettingsCanned(t *testing.T) {
	n := startNode(t)
	maria := newVisitor(t, n, "Maria Garcia", "maria@example.com")
	conv := maria.say(t, "", "Hi! Is my parcel on its way?")
	b := ownerUI(t, n)
	src := browsertest.AxeSource(t)

	openSection(t, b, "profile")
	shotS(t, b, "profile")
	browsertest.ReportAxe(t, "settings profile", browsertest.RunAxe(t, b.Ctx, src))
	openSection(t, b, "canned")
	const body = "Thanks for waiting! Your parcel left our warehouse this morning."
	do(t, b, "add a canned response", chromedp.SendKeys(chromedp.CSS("#canned-shortcut"), "thanks"),
		chromedp.SendKeys(chromedp.CSS("#canned-title-in"), "Parcel on its way"),
		chromedp.SendKeys(chromedp.CSS("#canned-body-in"), body), chromedp.Click(chromedp.CSS("#canned-save")))
	browsertest.WaitJS(t, b.Ctx, "the new canned response listed", textJS("#canned-table .canned-short", "/thanks"), 5*time.Second)
	do(t, b, "add a second", chromedp.SendKeys(chromedp.CSS("#canned-shortcut"), "refund"),
		chromedp.SendKeys(chromedp.CSS("#canned-title-in"), "Refund policy"),
		chromedp.SendKeys(chromedp.CSS("#canned-body-in"), "Refunds reach your card within five working days."), chromedp.Click(chromedp.CSS("#canned-save")))
	browsertest.WaitJS(t, b.Ctx, "both listed", `document.querySelectorAll('#canned-table tbody tr').length === 2`, 5*time.Second)
	do(t, b, "a duplicate shortcut", chromedp.SendKeys(chromedp.CSS("#canned-shortcut"), "THANKS"),
		chromedp.SendKeys(chromedp.CSS("#canned-title-in"), "Again"), chromedp.SendKeys(chromedp.CSS("#canned-body-in"), "Again"),
		chromedp.Click(chromedp.CSS("#canned-save")))
	browsertest.WaitJS(t, b.Ctx, "the duplicate refused, nothing typed lost", textJS("#settings-error", "already uses")+
		` && document.querySelector('#canned-shortcut').value === 'THANKS' && document.querySelector('#canned-body-in').value === 'Again'`, 5*time.Second)
	shotS(t, b, "canned")
	browsertest.ReportAxe(t, "settings canned", browsertest.RunAxe(t, b.Ctx, src))

	do(t, b, "back to the inbox", chromedp.Click(chromedp.CSS(`.view[data-view="open"]`)))
	do(t, b, "open the conversation", chromedp.Click(chromedp.CSS(convJS(conv))))
	browsertest.WaitJS(t, b.Ctx, "the visitor's message", textJS(`.msg[data-kind="visitor"] .bubble`, "parcel"), 5*time.Second)
	do(t, b, "type /tha", chromedp.SendKeys(chromedp.CSS("#composer"), "/tha"))
	browsertest.WaitJS(t, b.Ctx, "the picker with /thanks highlighted",
		`document.querySelectorAll('#canned-list [role=option]').length === 1 && `+textJS(`#canned-list [aria-selected=true]`, "/thanks")+
			` && document.querySelector('#composer').getAttribute('aria-activedescendant') === 'canned-opt-0'`, 5*time.Second)
	shotS(t, b, "picker")
	browsertest.ReportAxe(t, "canned picker", browsertest.RunAxe(t, b.Ctx, src))
	do(t, b, "Enter", chromedp.SendKeys(chromedp.CSS("#composer"), kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "the body in the reply box, the picker closed",
		`document.querySelector('#composer').value === `+jsString(body)+` && !document.querySelector('#canned-picker')`, 5*time.Second)
	time.Sleep(500 * time.Millisecond)
	if browsertest.Eval[bool](t, b.Ctx, `!!document.querySelector('.msg[data-kind="agent"]')`) || maria.received("warehouse") {
		t.Fatal("Enter in the picker also sent the message")
	}
	do(t, b, "Enter again sends", chromedp.SendKeys(chromedp.CSS("#composer"), kb.Enter))
	maria.waitEvent(t, "the canned reply", 5*time.Second, func(ev conn.Event) bool {
		return ev.Kind == conn.EventMessage && ev.Message.Msg.Body == body
	})

	// The button: the picker's own search box; Down, then Enter inserts at the caret.
	do(t, b, "type a greeting", chromedp.SendKeys(chromedp.CSS("#composer"), "Hello Maria. "))
	do(t, b, "open the picker", chromedp.Click(chromedp.CSS("#canned-open")))
	browsertest.WaitJS(t, b.Ctx, "the search box focused", `document.activeElement && document.activeElement.id === 'canned-search'`, 5*time.Second)
	do(t, b, "search", chromedp.SendKeys(chromedp.CSS("#canned-search"), "card"))
	browsertest.WaitJS(t, b.Ctx, "refund found by a word of its body", `document.querySelectorAll('#canned-list [role=option]').length === 1 && `+
		textJS(`#canned-list [aria-selected=true]`, "/refund"), 5*time.Second)
	shotS(t, b, "picker-button")
	do(t, b, "Enter", chromedp.SendKeys(chromedp.CSS("#canned-search"), kb.Enter))
	browsertest.WaitJS(t, b.Ctx, "inserted after the greeting",
		`document.querySelector('#composer').value === 'Hello Maria. Refunds reach your card within five working days.'`, 5*time.Second)
	do(t, b, "Escape closes", chromedp.SendKeys(chromedp.CSS("#composer"), kb.End+" /"), chromedp.Click(chromedp.CSS("#canned-open")))
	browsertest.WaitJS(t, b.Ctx, "the picker open", `!!document.querySelector('#canned-picker')`, 5*time.Second)
	do(t, b, "Escape", chromedp.SendKeys(chromedp.CSS("#canned-search"), kb.Escape))
	browsertest.WaitJS(t, b.Ctx, "the picker closed, focus back", `!document.querySelector('#canned-picker') && document.activeElement.id === 'composer'`, 5*time.Second)
	for _, en := range b.Console.Problems(refused) {
		t.Errorf("console: %s", en)
	}
}

// refused excuses the browser's report of an answer the test provoked
// (a duplicate shortcut, a bad origin, a used invite link).
func refused(e browsertest.Entry) bool {
	s := e.String()
	return strings.Contains(s, "status of 409") || strings.Contains(s, "status of 400") ||
		strings.Contains(s, "status of 410") || strings.Contains(s, "status of 404")
}

// TestSettingsSites: the site's embed snippet copies to the clipboard
// with "Copied" on the button; editing the widget's look is saved and
// served to the widget at once.
func TestSettingsSites(t *testing.T) {
	n := startNode(t)
	b := ownerUI(t, n)
	src := browsertest.AxeSource(t)
	do(t, b, "allow the clipboard", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			_, err := cdp.Call(ctx, tg, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: n.URL})
			if err != nil {
				return chromedp.Void{}, err
			}
		}
		return chromedp.Void{}, nil
	})
	openSection(t, b, "sites")
	card := `.site-card[data-site]`
	browsertest.WaitJS(t, b.Ctx, "the site's card", `!!document.querySelector('#copy-`+n.SiteKey+`')`, 5*time.Second)
	want := `<script async src="` + n.URL + `/widget.js" data-site="` + n.SiteKey + `"></script>`
	if got := browsertest.Eval[string](t, b.Ctx, `document.querySelector('#snippet-`+n.SiteKey+`').textContent`); got != want {
		t.Fatalf("snippet %q, want %q", got, want)
	}
	do(t, b, "copy", chromedp.Click(chromedp.CSS("#copy-"+n.SiteKey)))
	browsertest.WaitJS(t, b.Ctx, "Copied", textJS("#copy-"+n.SiteKey, "Copied"), 5*time.Second)
	shotS(t, b, "sites")
	browsertest.Eval[bool](t, b.Ctx, `navigator.clipboard.readText().then((s) => { window.__clip = s; }, (e) => { window.__clip = 'error: ' + e; }), true`)
	browsertest.WaitJS(t, b.Ctx, "the clipboard read", `typeof window.__clip === 'string'`, 5*time.Second)
	if got := browsertest.Eval[string](t, b.Ctx, `window.__clip`); got != want {
		t.Fatalf("clipboard %q, want %q", got, want)
	}
	browsertest.ReportAxe(t, "settings sites", browsertest.RunAxe(t, b.Ctx, src))

	do(t, b, "edit", chromedp.Click(chromedp.CSS(card+" .site-head .btn")))
	browsertest.WaitJS(t, b.Ctx, "the edit form", `!!document.querySelector('#site-form')`, 5*time.Second)
	do(t, b, "a bad origin", chromedp.SendKeys(chromedp.CSS("#site-origins"), kb.End+"\nshop.example/path"), chromedp.Click(chromedp.CSS("#site-save")))
	browsertest.WaitJS(t, b.Ctx, "the origin refused", textJS("#settings-error", "not an origin"), 5*time.Second)
	do(t, b, "fix it, teal, left, a greeting", chromedp.SetValue(chromedp.CSS("#site-origins"), servertest.SiteOrigin+"\nhttps://blog.example"),
		chromedp.Click(chromedp.CSS(`.preset[aria-label="#0d9488"]`)), chromedp.Click(chromedp.CSS("#pos-left")),
		chromedp.SetValue(chromedp.CSS("#site-greeting"), "Hello from the console!"), chromedp.Click(chromedp.CSS("#site-prechat")),
		chromedp.SetValue(chromedp.CSS("#site-locale"), "zh-CN"))
	browsertest.WaitJS(t, b.Ctx, "teal chosen", `document.querySelector('#site-color').value === '#0d9488'`, 5*time.Second)
	shotS(t, b, "site-edit")
	browsertest.ReportAxe(t, "settings site form", browsertest.RunAxe(t, b.Ctx, src))
	do(t, b, "save", chromedp.Click(chromedp.CSS("#site-save")))
	browsertest.WaitJS(t, b.Ctx, "saved", textJS("#settings-ok", "Saved")+` && !document.querySelector('#site-form')`, 5*time.Second)
	site, err := n.Server.Store.SiteByKey(context.Background(), n.SiteKey)
	if err != nil || site.Widget.Color != "#0d9488" || site.Widget.Position != "left" || site.Widget.Greeting != "Hello from the console!" ||
		!site.Widget.PreChatForm || site.Widget.Locale != "zh-CN" || len(site.Origins) != 2 || site.Origins[1] != "https://blog.example" {
		t.Fatalf("stored site %+v %v", site, err)
	}
	for _, en := range b.Console.Problems(refused) {
		t.Errorf("console: %s", en)
	}
}

// TestSettingsInvite: the owner invites a teammate with a link; the link
// opens "Join the team", which signs the new agent in; the link then
// says it has been used. The new agent's settings have Profile and API
// tokens only.
func TestSettingsInvite(t *testing.T) {
	n := startNode(t)
	b := ownerUI(t, n)
	src := browsertest.AxeSource(t)
	openSection(t, b, "team")
	do(t, b, "invite", chromedp.SendKeys(chromedp.CSS("#invite-email"), "nia@shop.test"),
		chromedp.SendKeys(chromedp.CSS("#invite-name"), "Nia Novak"), chromedp.Click(chromedp.CSS("#invite-send")))
	browsertest.WaitJS(t, b.Ctx, "the link, once", textJS("#invite-secret", "/console/#invite="), 5*time.Second)
	link := browsertest.Eval[string](t, b.Ctx, `document.querySelector('#invite-secret').textContent`)
	shotS(t, b, "team")
	browsertest.ReportAxe(t, "settings team", browsertest.RunAxe(t, b.Ctx, src))

	b2 := browsertest.NewBrowser(t)
	b2.Navigate(t, link)
	browsertest.WaitJS(t, b2.Ctx, "Join the team, name filled in", textJS("#join-title", "Join the team")+
		` && document.querySelector('#join-name').value === 'Nia Novak'`+" && "+textJS(".intro", "nia@shop.test"), 20*time.Second)
	shotS(t, b2, "join")
	browsertest.ReportAxe(t, "join", browsertest.RunAxe(t, b2.Ctx, src))
	do(t, b2, "passwords that differ", chromedp.SendKeys(chromedp.CSS("#join-password"), "a long password 1"),
		chromedp.SendKeys(chromedp.CSS("#join-again"), "a long password 2"), chromedp.Click(chromedp.CSS("#join-submit")))
	browsertest.WaitJS(t, b2.Ctx, "told they differ", textJS("#join-problem", "differ"), 5*time.Second)
	do(t, b2, "join", chromedp.SetValue(chromedp.CSS("#join-again"), "a long password 1"), chromedp.Click(chromedp.CSS("#join-submit")))
	browsertest.WaitJS(t, b2.Ctx, "signed in as Nia", `!!document.querySelector('.console.inbox')`+" && "+textJS(".me-name", "Nia Novak")+
		` && location.hash === ''`, 10*time.Second)
	openSection(t, b2, "tokens")
	if got := browsertest.Eval[float64](t, b2.Ctx, `document.querySelectorAll('.settings-sections .view').length`); got != 2 {
		t.Errorf("an agent sees %v settings sections, want Profile and API tokens", got)
	}
	do(t, b2, "create a token", chromedp.SendKeys(chromedp.CSS("#token-name"), "Zapier"), chromedp.Click(chromedp.CSS("#token-create")))
	browsertest.WaitJS(t, b2.Ctx, "the token, once, and listed", textJS("#token-secret", "_")+" && "+textJS("#tokens td", "Zapier"), 5*time.Second)
	shotS(t, b2, "tokens")
	browsertest.ReportAxe(t, "settings tokens", browsertest.RunAxe(t, b2.Ctx, src))

	b3 := browsertest.NewBrowser(t)
	b3.Navigate(t, link)
	browsertest.WaitJS(t, b3.Ctx, "the used link says so", textJS("#join-error", "already been used"), 20*time.Second)
	shotS(t, b3, "join-used")
	b3.Navigate(t, "about:blank") // a new hash alone would not load the page again
	b3.Navigate(t, strings.Replace(link, "#invite=", "#invite=x", 1))
	browsertest.WaitJS(t, b3.Ctx, "a wrong link says so", textJS("#join-error", "not valid"), 20*time.Second)

	a, err := n.Server.Store.AgentByEmail(context.Background(), "nia@shop.test")
	if err != nil || a.Role != store.RoleAgent || a.Name != "Nia Novak" {
		t.Fatalf("the new agent %+v %v", a, err)
	}
	for _, br := range []*browsertest.Browser{b, b2, b3} {
		for _, en := range br.Console.Problems(refused) {
			t.Errorf("console: %s", en)
		}
	}
}
