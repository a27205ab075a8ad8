package browsertest

import (
	"testing"
	"time"
)

// TestAccessibility runs axe-core on the widget with a conversation in it:
// opened directly (standalone, /w/KEY) and embedded in the shop's iframe.
// Violations of impact serious or critical fail; all are logged.
func TestAccessibility(t *testing.T) {
	b := NewBrowser(t)
	src := AxeSource(t)
	e := NewEnv(t)
	defer func() {
		if t.Failed() {
			b.Console.Log(t)
		}
	}()

	b.Navigate(t, e.Chat+"/w/"+e.Site.Key)
	WaitJS(t, b.Ctx, "the composer", ComposerReadyJS, 15*time.Second)
	WaitJS(t, b.Ctx, "the banner online", BannerJS("online"), 10*time.Second)
	const hello, reply = "Hello, is the Aurora blend in stock?", "It is! Shall I reserve a bag?"
	Type(t, b.Ctx, hello)
	WaitJS(t, b.Ctx, "the message sent", HasRowJS("mine", hello, "sent|read"), 10*time.Second)
	e.Node.Reply(t, e.Conversation(t).ID, reply, "a11y-reply")
	WaitJS(t, b.Ctx, "the reply shown", HasRowJS("theirs", reply, ""), 10*time.Second)
	b.Shot(t, "standalone")
	ReportAxe(t, "standalone", RunAxe(t, b.Ctx, src))

	b.Navigate(t, e.Host+"/")
	WaitJS(t, b.Ctx, "the launcher painted", launcherHitJS, 10*time.Second)
	b.ClickLauncher(t)
	f := b.WaitFrame(t, "", 10*time.Second)
	WaitJS(t, f.Ctx, "the composer", ComposerReadyJS, 15*time.Second)
	WaitJS(t, f.Ctx, "the banner online", BannerJS("online"), 10*time.Second)
	Type(t, f.Ctx, hello) // a new visitor: the iframe's storage is partitioned by the top-level site
	WaitJS(t, f.Ctx, "the message sent", HasRowJS("mine", hello, "sent|read"), 10*time.Second)
	b.Shot(t, "embedded")
	ReportAxe(t, "embedded", RunAxe(t, f.Ctx, src))

	for _, en := range b.Console.Problems(nil) {
		t.Errorf("console: %s", en)
	}
}
