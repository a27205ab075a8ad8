package consoletest

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/server/browsertest"
)

// holdDetailJS makes the console's conversation detail requests (GET
// …/conversations/{id}) slow on demand: while window.__holding is set,
// such a request goes to the server at once, its answer is read in full
// (so it tells the state at that moment), and it reaches the console only
// when window.__release() is called. window.__detailsRead counts answers
// read, window.__detailsGiven answers passed on. This is a slow network or
// a busy node, made to happen at the worst moment.
const holdDetailJS = `(() => {
  const real = window.fetch.bind(window);
  Object.assign(window, { __holding: true, __held: [], __detailsRead: 0, __detailsGiven: 0 });
  window.fetch = (url, opts) => {
    const method = (opts && opts.method) || 'GET';
    if (!window.__holding || method !== 'GET' || !/\/conversations\/[^/?]+$/.test(String(url))) return real(url, opts);
    const read = real(url, opts).then(async (r) => {
      const body = await r.text();
      window.__detailsRead++;
      return new Response(body, { status: r.status, headers: r.headers });
    });
    return new Promise((resolve, reject) => window.__held.push(() => read.then(resolve, reject)))
      .finally(() => window.__detailsGiven++);
  };
  window.__release = () => {
    window.__holding = false;
    const held = window.__held;
    window.__held = [];
    held.forEach((give) => give());
    return held.length;
  };
  return true;
})()`

// holdDetails starts holding b's conversation detail answers.
func holdDetails(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	browsertest.Eval[bool](t, b.Ctx, holdDetailJS)
}

// releaseDetails passes the held answers on and waits until the console
// has taken them in: the sidebar shows the visitor's details.
func releaseDetails(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	if n := browsertest.Eval[int](t, b.Ctx, `window.__release()`); n == 0 {
		t.Fatal("no conversation detail request was held")
	}
	browsertest.WaitJS(t, b.Ctx, "the held detail taken in", `window.__detailsGiven >= 1 && `+
		`!!document.querySelector('#sidebar:not([aria-busy]) #side-about')`, 5*time.Second)
}
