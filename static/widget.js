/*
 * Parley loader: the only script a customer's page loads from us.
 *
 *   <script async src="https://CHAT-HOST/widget.js" data-site="KEY"></script>
 *
 * It paints the launcher at once in a closed shadow root, creates the chat
 * iframe (the WASM app at /w/KEY) on intent or when the browser is idle, and
 * talks to it over postMessage as static/EMBED.md describes. Plain ES2019, no
 * dependencies; server/cmd/assets minifies and compresses it, and the budget
 * is 3 KB brotli. Its only global is window.Parley.
 */
(() => {
  const w = window;
  const d = document;
  const warn = (...a) => console.warn('Parley:', ...a);

  // A second copy of the snippet (or of this file) must not paint twice.
  if (w.Parley && w.Parley.loaded) return;

  const script = d.currentScript || d.querySelector('script[src*="widget.js"][data-site]');
  const key = script && script.dataset.site;
  if (!key) return warn('missing data-site');
  const origin = new URL(script.src).origin;
  const base = origin + '/w/' + encodeURIComponent(key);

  // localStorage throws when storage is disabled or sandboxed; then nothing
  // is remembered. v === undefined reads, null removes, a string writes.
  const store = (name, v) => {
    try {
      const ls = w.localStorage;
      name = 'parley:' + key + ':' + name;
      if (v === undefined) return ls.getItem(name);
      v === null ? ls.removeItem(name) : ls.setItem(name, v);
    } catch (e) { /* no storage */ }
  };

  let cfg = {};
  try { cfg = JSON.parse(store('cfg')) || {}; } catch (e) { /* a bad cache is no cache */ }

  let open = store('open') === '1';
  let unread = 0;
  let dead = false; // the server refused this site: everything is gone
  let ready = false; // the iframe said ready
  let counted = false; // an unread count arrived since ready; the first is a baseline, not news
  let identity; // the last Parley('identify') data, re-sent on every ready
  let attrs; // every Parley('set') merged, re-sent on every ready
  const handlers = {};

  // DOM, filled in by mount() and frame().
  let host, wrap, btn, badge, live, label, iframe;

  // Everything the launcher and panel look like. The host element resets all
  // inherited and host-page styles; !important in :host beats even the host
  // page's !important rules on our element.
  const CSS = `:host{all:initial!important;position:fixed!important;z-index:2147483000!important}
.w{--c:#4f46e5;--f:#fff;font:500 14px/1.4 system-ui,sans-serif;color:#1f2937}
.l{position:fixed;bottom:24px;right:24px;display:flex;align-items:center;gap:12px}
.left .l,.left .p{right:auto;left:24px}
.left .l{flex-direction:row-reverse}
.b{position:relative;width:56px;height:56px;padding:0;margin:0;border:0;border-radius:50%;background:var(--c);color:var(--f);cursor:pointer;box-shadow:0 1px 6px rgba(0,0,0,.06),0 4px 24px rgba(0,0,0,.16);transition:transform .2s}
.b:hover{transform:scale(1.07)}
.b:focus-visible{outline:3px solid var(--c);outline-offset:3px;box-shadow:0 0 0 3px #fff}
svg{position:absolute;inset:14px;width:28px;height:28px;transition:transform .2s,opacity .15s}
.x,.o .c{opacity:0;transform:rotate(-90deg) scale(.5)}
.o .x{opacity:1;transform:none}
.u{position:absolute;top:-4px;right:-4px;min-width:10px;padding:0 4px;border:2px solid #fff;border-radius:11px;background:#e5484d;color:#fff;font:700 11px/18px system-ui,sans-serif}
.u:empty,.o .u{display:none}
.t{display:none;padding:10px 16px;border-radius:99px;background:#fff;box-shadow:0 2px 16px rgba(0,0,0,.14);cursor:pointer;white-space:nowrap}
@media (min-width:640px){.t:not(:empty){display:block}.o .t{display:none}}
.s{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.p{position:fixed;bottom:96px;right:24px;width:380px;height:min(680px,100vh - 120px);overflow:hidden;border-radius:16px;background:#fff;box-shadow:0 5px 40px rgba(0,0,0,.16);visibility:hidden;opacity:0;pointer-events:none;transform:translateY(16px);transition:.2s,visibility 0s .2s}
.o .p{visibility:visible;opacity:1;pointer-events:auto;transform:none;transition:opacity .2s,transform .2s}
iframe{position:relative;width:100%;height:100%;border:0}
.p:before{content:"";position:absolute;inset:50%;margin:-15px;width:24px;height:24px;border:3px solid #e5e7eb;border-top-color:var(--c);border-radius:50%;animation:s .8s linear infinite}
@keyframes s{to{transform:rotate(1turn)}}
@media (max-width:479.98px){.p,.left .p{inset:0;width:100%;height:100dvh;border-radius:0}.o .l{display:none}}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}`;

  // The launcher: an optional text pill, the round button with a chat bubble
  // (c) and a close cross (x) drawn in currentColor, the unread badge (u) and
  // a visually hidden live region (s) that announces the unread count.
  const HTML = `<div class="w"><div class="l"><span class="t"></span><button class="b"><svg class="c" viewBox="0 0 28 28"><path fill="currentColor" d="M14 4C8 4 3 8 3 13.4c0 3 1.5 5.6 4 7.4L6 25l5.3-2.5c.9.2 1.8.3 2.7.3 6 0 11-4.2 11-9.4S20 4 14 4Z"/><path fill="none" stroke="var(--c)" stroke-width="2" stroke-linecap="round" d="M9.5 14.6c2.5 2.4 6.5 2.4 9 0"/></svg><svg class="x" viewBox="0 0 28 28"><path stroke="currentColor" stroke-width="2.6" stroke-linecap="round" d="M8.5 8.5l11 11m0-11l-11 11"/></svg><span class="u"></span></button><span class="s" aria-live="polite"></span></div></div>`;
  // ---- panel state ----

  // Callbacks run on their own turn: one that throws cannot break the others
  // or us, and one that calls Parley() back does not re-enter a half-done
  // state change.
  const emit = (ev, arg) => (handlers[ev] || []).forEach((fn) => setTimeout(fn, 0, arg));

  // Messages to the iframe go to the chat origin only, never "*".
  const post = (type, fields) => {
    if (ready) iframe.contentWindow.postMessage(Object.assign({ parley: 1, type }, fields), origin);
  };

  const setOpen = (want, focus) => {
    if (dead || want === open) return;
    open = want;
    store('open', open ? '1' : null);
    if (open) frame();
    render();
    notice();
    if (open) {
      if (focus && iframe) iframe.focus();
    } else if (host && d.activeElement === host) {
      // Take focus back only when it was inside the widget, so a host page
      // calling Parley('close') does not lose its own focus.
      btn.focus();
    }
    const type = open ? 'open' : 'close';
    post(type);
    emit(type);
  };

  const render = () => {
    if (!wrap) return;
    wrap.className = 'w' + (open ? ' o' : '') + (cfg.position === 'left' ? ' left' : '');
    btn.setAttribute('aria-expanded', open);
    btn.setAttribute('aria-label', (open ? 'Close' : 'Open') + ' chat');
    badge.textContent = unread ? (unread > 99 ? '99+' : unread) : '';
    const said = unread ? unread + ' unread message' + (unread > 1 ? 's' : '') : '';
    if (live.textContent !== said) live.textContent = said;
  };

  // ---- config ----

  const apply = () => {
    if (!wrap) return;
    const c = /^#[0-9a-f]{6}$/i.test(cfg.color) ? cfg.color : '#4f46e5';
    // Dark icon on a light launcher colour, white otherwise (perceived luminance).
    const n = parseInt(c.slice(1), 16);
    const light = (n >> 16) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114 > 170;
    wrap.style.setProperty('--c', c);
    wrap.style.setProperty('--f', light ? '#111827' : '#fff');
    label.textContent = cfg.launcher_text || '';
    render();
  };

  const fetchConfig = () => fetch(base + '/config.json', { credentials: 'omit' }).then((r) => {
    // 403: this page's origin is not allowed; 404: unknown key. Either way
    // leave the page as if the snippet were not there.
    if (r.status === 403 || r.status === 404) {
      dead = true;
      if (host) host.remove();
      store('cfg', null);
      store('open', null);
      return warn('site ' + key + ' is not enabled for ' + location.origin + ' (' + r.status + ')');
    }
    if (r.ok) {
      return r.json().then((c) => {
        cfg = c || {};
        store('cfg', JSON.stringify(cfg));
        apply();
      });
    }
  }).catch(() => { /* offline or blocked: keep what is painted */ });

  // ---- title notice and sound ----

  let titleBase, titleShown;
  const notice = () => {
    if (d.title !== titleShown) titleBase = d.title; // the page changed it
    const t = unread && !open ? '(' + unread + ') ' + titleBase : titleBase;
    if (t !== d.title) d.title = t;
    titleShown = t;
  };

  let audio;
  const ding = () => {
    try {
      const ua = navigator.userActivation;
      if (ua && !ua.hasBeenActive) return; // browsers refuse sound before a gesture
      audio = audio || new (w.AudioContext || w.webkitAudioContext)();
      audio.resume().catch(() => {});
      const t = audio.currentTime;
      // Two soft sine notes a fifth apart, each with a short tail.
      [660, 990].forEach((hz, i) => {
        const o = audio.createOscillator();
        const g = audio.createGain();
        const at = t + i / 10;
        o.frequency.value = hz;
        g.gain.setValueAtTime(0.0001, at);
        g.gain.exponentialRampToValueAtTime(0.05, at + 0.02);
        g.gain.exponentialRampToValueAtTime(0.0001, at + 0.4);
        o.connect(g).connect(audio.destination);
        o.start(at);
        o.stop(at + 0.4);
      });
    } catch (e) { /* no sound is fine */ }
  };

  // ---- iframe ----

  const sendPage = () => post('page', {
    url: location.href,
    title: d.title === titleShown ? titleBase : d.title,
    referrer: d.referrer,
  });

  // Creates the (hidden) panel and its iframe once; it loads in the
  // background so that opening is instant.
  const frame = () => {
    if (iframe || dead || !wrap) return;
    const panel = d.createElement('div');
    panel.className = 'p';
    iframe = d.createElement('iframe');
    iframe.title = 'Chat';
    iframe.allow = 'clipboard-write';
    iframe.loading = 'eager';
    iframe.src = base + '?o=' + encodeURIComponent(location.origin);
    panel.append(iframe);
    wrap.prepend(panel);
  };

  w.addEventListener('message', (e) => {
    const m = e.data;
    if (dead || !iframe || e.origin !== origin || e.source !== iframe.contentWindow || !m || m.parley !== 1) return;
    if (m.type === 'ready') {
      ready = true;
      counted = false;
      sendPage();
      if (identity) post('identify', { data: identity });
      if (attrs) post('set', { data: attrs });
      if (open) post('open');
    } else if (m.type === 'close') {
      setOpen(false);
    } else if (m.type === 'message') {
      emit('message', m.msg);
    } else if (m.type === 'unread') {
      const n = Math.max(0, m.count | 0);
      if (counted && n > unread && !open) ding();
      counted = true;
      unread = n;
      render();
      notice();
      emit('unread', n);
    }
  });

  // ---- SPA navigation ----

  let lastUrl = location.href;
  let navTimer;
  const onNav = () => {
    // Wait a moment so the page can set its new title, and ignore
    // replaceState calls that keep the URL (scroll restoration and the like).
    clearTimeout(navTimer);
    navTimer = setTimeout(() => {
      if (location.href !== lastUrl) sendPage();
      lastUrl = location.href;
    }, 300);
  };
  ['pushState', 'replaceState'].forEach((name) => {
    const orig = history[name];
    history[name] = function () {
      const r = orig.apply(this, arguments);
      onNav();
      return r;
    };
  });
  w.addEventListener('popstate', onNav);

  // ---- launcher ----

  const mount = () => {
    if (dead || host) return;
    host = d.createElement('parley-chat');
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<style>' + CSS + '</style>' + HTML;
    const $ = (s) => root.querySelector(s);
    wrap = $('.w');
    btn = $('.b');
    badge = $('.u');
    live = $('.s');
    label = $('.t');

    const toggle = () => setOpen(!open, true);
    btn.onclick = label.onclick = toggle;
    btn.onpointerenter = btn.onfocus = btn.ontouchstart = frame;
    // A block body: an on* handler that returns false cancels the event.
    wrap.onkeydown = (e) => {
      if (e.key === 'Escape') setOpen(false);
    };

    apply();
    (d.body || d.documentElement).append(host);
    if (open) frame();
    else if (w.requestIdleCallback) requestIdleCallback(frame, { timeout: 4000 });
    else setTimeout(frame, 2500);
  };

  // ---- API ----

  // A JSON copy drops functions and DOM nodes, which would make postMessage
  // throw; the iframe validates the fields.
  const plain = (o) => JSON.parse(JSON.stringify(o || {}));

  const Parley = (cmd, a, b) => {
    if (dead) return;
    if (cmd === 'open' || cmd === 'toggle' && !open) setOpen(true, true);
    else if (cmd === 'close' || cmd === 'toggle') setOpen(false);
    else if (cmd === 'identify') {
      identity = plain(a);
      post('identify', { data: identity });
    } else if (cmd === 'set') {
      a = plain(a);
      attrs = Object.assign(attrs || {}, a);
      post('set', { data: a });
    } else if (cmd === 'on' && /^(message|open|close|unread)$/.test(a) && typeof b === 'function') {
      (handlers[a] = handlers[a] || []).push(b);
    } else warn('unknown call', cmd, a);
  };
  Parley.loaded = true;

  // Replace the stub first, so that calls made while replaying reach the
  // real API, then replay what the page queued before we arrived.
  const queued = (w.Parley && w.Parley.q) || [];
  w.Parley = Parley;
  fetchConfig();
  if (d.body) mount();
  else d.addEventListener('DOMContentLoaded', mount);
  for (const args of queued) Parley(...args);
})();
