// Embed mode of the playground (`index.html?embed`): the compact widget alone, the
// "Open in the playground" link, and the iframe protocol (height out, text in), also
// inside <iframe sandbox="allow-scripts"> (opaque origin: no storage, no workers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, launch, openPage } from './harness.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

// A sandboxed iframe without allow-same-origin has an opaque origin, so its module
// scripts and the wasm fetch are cross-origin requests: this server, unlike the
// harness's, answers them with CORS headers (as a host embedding the page must).
// It also serves the parent page at /parent.html.
const PARENT = `<!doctype html><meta charset="utf-8"><title>parent</title><link rel="icon" href="data:,">
<script>
  window.heights = [];
  addEventListener('message', (e) => {
    if (e.data && e.data.type === 'pullpolicy:height') window.heights.push(e.data.height);
  });
</script>
<iframe id="f" sandbox="allow-scripts" src="index.html?embed" style="width:900px;height:400px"></iframe>`;

// A host as embed/README.md documents it: the iframe in the documented sandbox, sized by
// the heights it posts. `?src=` is the iframe's address, `&sandbox=` its sandbox.
const HOST = `<!doctype html><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<body style="margin:0"><iframe id="f" title="pullpolicy" style="width:900px;height:300px;border:0"></iframe>
<script>
  window.heights = [];
  const f = document.getElementById('f');
  addEventListener('message', (e) => {
    if (e.source === f.contentWindow && e.data && e.data.type === 'pullpolicy:height') {
      window.heights.push(e.data.height);
      f.style.height = e.data.height + 'px';
    }
  });
  const q = new URLSearchParams(location.search);
  f.style.width = (q.get('width') || 900) + 'px';
  f.setAttribute('sandbox', q.get('sandbox') ?? 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
  f.src = q.get('src');
</script>`;

let server;
let origin;
let browser;
before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/parent.html' || url.pathname === '/host.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(url.pathname === '/host.html' ? HOST : PARENT);
      return;
    }
    const rel = decodeURIComponent(url.pathname.slice(1)) || 'index.html';
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'access-control-allow-origin': '*',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
const POD = (image, policy) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: ${image}\n${policy ? `    imagePullPolicy: ${policy}\n` : ''}`;
const policies = (root) => root.$$eval('[data-effective-policy]', (els) => els.map((e) => e.dataset.effectivePolicy));

test('?embed#yaml= shows the editor and the cards only, and links to the playground', async () => {
  const manifest = POD('nginx:1.27', 'Never');
  const { page, context, errors } = await openPage(browser, `${origin}/index.html?embed#yaml=${b64url(manifest)}`);
  await page.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  assert.deepEqual(await policies(page), ['Never']);
  assert.equal(await page.$('header.top'), null, 'no header');
  // Not the playground's FAQ: only the questions the cards link to.
  assert.equal(await page.$('#faq .intro'), null, 'no full FAQ');
  const entries = await page.$$eval('#faq .faq-entry', (es) => es.map((e) => e.classList.contains('related')));
  assert.ok(entries.length > 0 && entries.every(Boolean), `${entries}`);
  assert.equal(await page.$('.scenario'), null, 'no scenario panel');
  assert.equal(await page.$('footer.bottom'), null, 'no footer');
  assert.equal(await page.inputValue('#manifest'), manifest);
  assert.equal(await page.$eval('#manifest', (a) => a.readOnly), false);
  const link = page.locator('a', { hasText: 'Open in the playground' });
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener');
  const href = new URL(await link.getAttribute('href'));
  assert.equal(href.origin + href.pathname, `${origin}/index.html`);
  assert.equal(href.search, '', 'no ?embed in the playground link');
  const yaml = new URLSearchParams(href.hash.slice(1)).get('yaml');
  assert.equal(Buffer.from(yaml, 'base64url').toString('utf8'), manifest);
  // Nothing was saved: the user's playground work stays theirs.
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('?embed#z= (a compressed link) is inflated by the codec, loaded for it', async () => {
  const manifest = POD('nginx:1.27', 'Never');
  const z = zlib.deflateRawSync(Buffer.from(manifest, 'utf8'), { level: 9 }).toString('base64url');
  const { page, context, errors, requests } = await openPage(browser, `${origin}/index.html?embed#z=${z}`);
  await page.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  assert.deepEqual(await policies(page), ['Never']);
  assert.equal(await page.inputValue('#manifest'), manifest);
  assert.ok(requests.some((u) => u.endsWith('/pullpolicy_deferred_bg.wasm')), 'the codec was loaded');
  // The same in <iframe sandbox="allow-scripts"> (opaque origin: cross-origin modules).
  await page.goto(`${origin}/parent.html`);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.setAttribute('sandbox', 'allow-scripts');
    f.src = src;
    document.body.append(f);
  }, `index.html?embed=readonly#z=${z}`);
  let frame;
  while (!(frame = page.frame({ url: /embed=readonly/ }))) await page.waitForTimeout(50);
  await frame.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  assert.deepEqual(await policies(frame), ['Never']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('?embed=readonly makes the editor read-only', async () => {
  const { page, context, errors } = await openPage(browser, `${origin}/index.html?embed=readonly#yaml=${b64url(POD('nginx'))}`);
  await page.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  assert.deepEqual(await policies(page), ['Always']);
  assert.equal(await page.$eval('#manifest', (a) => a.readOnly), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in <iframe sandbox="allow-scripts">: height out, pullpolicy:set in, no errors', async () => {
  const { page, context, errors } = await openPage(browser, `${origin}/parent.html`);
  await page.waitForFunction(() => window.heights.some((h) => h > 0), null, { timeout: 20000 });
  const frame = page.frame({ url: /index\.html\?embed/ });
  assert.ok(frame, 'the embed frame');
  await frame.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  const seen = await page.evaluate(() => window.heights.length);
  // Ignored: other shapes, non-string text.
  await page.evaluate(() => {
    const f = document.getElementById('f').contentWindow;
    f.postMessage('pullpolicy:set', '*');
    f.postMessage({ type: 'pullpolicy:set', yaml: 42 }, '*');
    f.postMessage({ type: 'other', yaml: 'x: 1' }, '*');
  });
  const manifest = POD('registry.example/app:1.0', 'Never');
  await page.evaluate((yaml) => document.getElementById('f').contentWindow.postMessage({ type: 'pullpolicy:set', yaml }, '*'), manifest);
  await frame.waitForFunction(
    () => [...document.querySelectorAll('[data-effective-policy]')].map((e) => e.dataset.effectivePolicy).join() === 'Never',
    null,
    { timeout: 20000 },
  );
  assert.equal(await frame.inputValue('#manifest'), manifest);
  await page.waitForFunction((n) => window.heights.length > n, seen, { timeout: 20000 });
  assert.ok((await page.evaluate(() => window.heights.at(-1))) > 0);
  assert.equal(await frame.$('header.top'), null);
  // index.html gives the stylesheet no integrity hash, which an opaque-origin
  // (sandboxed) page could not check: no error at all, the CSS included.
  assert.deepEqual(errors, []);
  await context.close();
});

/** The host page with the embed of `rest` (query and fragment after index.html), once its
 *  cards are drawn. */
async function host(rest, { sandbox, width, viewport } = {}) {
  const q = new URLSearchParams({ src: `index.html${rest}` });
  if (sandbox !== undefined) q.set('sandbox', sandbox);
  if (width) q.set('width', String(width));
  const opened = await openPage(browser, `${origin}/host.html?${q}`, viewport ?? {});
  let frame;
  while (!(frame = opened.page.frame({ url: /index\.html\?embed/ }))) await opened.page.waitForTimeout(50);
  await frame.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  return { ...opened, frame };
}

/** Waits until the iframe has the height it last posted and no new one comes; then that
 *  height must be the content's: the document's scrollHeight and the body's height, with
 *  nothing scrolling inside the iframe. */
async function fitsItsContent(page, frame, label) {
  let last = -1;
  for (;;) {
    await page.waitForFunction(() => window.heights.length > 0);
    await page.waitForTimeout(400);
    const n = await page.evaluate(() => window.heights.length);
    if (n === last) break;
    last = n;
  }
  const posted = await page.evaluate(() => window.heights.at(-1));
  const m = await frame.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    client: document.documentElement.clientHeight,
    body: document.body.getBoundingClientRect().height,
  }));
  assert.ok(Math.abs(m.scroll - posted) <= 3, `${label}: posted ${posted}, scrollHeight ${m.scroll}`);
  assert.ok(Math.abs(m.body - posted) <= 3, `${label}: posted ${posted}, body ${m.body}`);
  assert.ok(m.scroll <= m.client + 3, `${label}: nothing scrolls inside (${m.scroll} > ${m.client})`);
  return posted;
}

// Pods whose cards are long (findings, FAQ links), several documents.
const LONG = Array.from({ length: 6 }, (_, i) => POD(`registry.example/app-${i}`).replace('name: p\n', `name: p${i}\n`)).join('---\n');

test('auto-resize: the height posted is the content\'s after load, pullpolicy:set and edits, growing and shrinking', { timeout: 60000 }, async () => {
  const { page, context, errors, frame } = await host(`?embed#yaml=${b64url(POD('nginx:1.27', 'Never'))}`);
  const small = await fitsItsContent(page, frame, 'after load');
  await page.evaluate((yaml) => document.getElementById('f').contentWindow.postMessage({ type: 'pullpolicy:set', yaml }, '*'), LONG);
  await frame.waitForFunction(() => document.querySelectorAll('[data-effective-policy]').length === 6, null, { timeout: 20000 });
  const long = await fitsItsContent(page, frame, 'after pullpolicy:set');
  assert.ok(long > small + 1000, `taller with six Pods (${small} → ${long})`);
  // Edits in the embed's editor: one Pod again, then a syntax error.
  await frame.fill('#manifest', POD('nginx'));
  await frame.waitForFunction(() => document.querySelectorAll('[data-effective-policy]').length === 1, null, { timeout: 20000 });
  const edited = await fitsItsContent(page, frame, 'after an edit');
  assert.ok(edited < long, `shorter again (${long} → ${edited})`);
  await frame.fill('#manifest', 'image: [nginx\n');
  await frame.waitForSelector('.message.syntax', { timeout: 20000 });
  await fitsItsContent(page, frame, 'after a syntax error');
  // A narrower iframe: the same content, taller.
  await page.evaluate(() => (document.getElementById('f').style.width = '420px'));
  await fitsItsContent(page, frame, 'narrower');
  assert.deepEqual(errors, []);
  await context.close();
});

test('FAQ answers open inside the embed, in place, even in sandbox="allow-scripts"', { timeout: 60000 }, async () => {
  const manifest = POD('nginx');
  // bypassCSP: axe-core is injected below (the page's policy forbids injected scripts).
  const { page, context, errors, frame } = await host(`?embed#yaml=${b64url(manifest)}`, { sandbox: 'allow-scripts', viewport: { bypassCSP: true } });
  const link = frame.locator('#verdicts [data-rule="latest-tag"] .faq-links a').first();
  const href = await link.getAttribute('href');
  const id = href.match(/#faq-([a-z0-9-]+)$/)[1];
  // The questions the cards link to are in the embed, folded.
  assert.equal(await frame.locator(`#faq-${id}-c`).isHidden(), true);
  await link.click();
  const answer = frame.locator(`#faq-${id}-c`);
  await answer.waitFor({ state: 'visible', timeout: 10000 });
  await frame.waitForFunction(
    (sel) => { const t = document.querySelector(sel).textContent; return t.length > 80 && !t.includes('Loading the answer'); },
    `#faq-${id}-c`,
    { timeout: 20000 },
  );
  assert.doesNotMatch(await answer.textContent(), /could not be loaded/);
  // No navigation: the embed still holds the manifest.
  assert.match(frame.url(), /#yaml=/);
  assert.equal(await frame.inputValue('#manifest'), manifest);
  await fitsItsContent(page, frame, 'with the answer open');
  // axe-core in the embed, the answer open.
  await frame.addScriptTag({ path: path.resolve(import.meta.dirname, 'node_modules/axe-core/axe.min.js') });
  const violations = await frame.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`);
  });
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  // Outbound links need allow-popups (embed/README.md): without it, nothing opens.
  const popup = context.waitForEvent('page', { timeout: 1500 }).then(() => true, () => false);
  await frame.click('a:has-text("Open in the playground")');
  assert.equal(await popup, false, 'no tab without allow-popups');
  await context.close();
});

test('in the documented sandbox (allow-popups allow-popups-to-escape-sandbox) the outbound links open new tabs', { timeout: 60000 }, async () => {
  const manifest = POD('nginx');
  const { page, context, errors, frame } = await host(`?embed#yaml=${b64url(manifest)}`);
  // kubernetes.io answered here: the test requests nothing from the network.
  await context.route('https://kubernetes.io/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>kubernetes.io</title>' }));
  const [playground] = await Promise.all([context.waitForEvent('page'), frame.click('a:has-text("Open in the playground")')]);
  await playground.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  assert.equal(await playground.inputValue('#manifest'), manifest, 'the playground opens with the manifest');
  assert.ok(await playground.$('header.top'), 'the full playground, not the embed');
  // A finding's documentation links, under its "more" disclosure.
  await frame.locator('#verdicts .disclose[aria-controls$="-more-c"]').first().click();
  const docs = frame.locator('#verdicts a[href^="https://kubernetes.io/"]:visible').first();
  const target = await docs.getAttribute('href');
  const [opened] = await Promise.all([context.waitForEvent('page'), docs.click()]);
  await opened.waitForLoadState();
  assert.equal(opened.url(), target);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 360×640, in an iframe as wide as the phone, the verdict summary is on the first screen and the height fits', { timeout: 60000 }, async () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-pod\nspec:\n  containers:\n  - name: my-container\n    image: nginx:1.19\n    imagePullPolicy: IfNotPresent\n';
  const { page, context, errors, frame } = await host(`?embed#yaml=${b64url(pod)}`, { width: 360, viewport: { width: 360, height: 640 } });
  await fitsItsContent(page, frame, 'at 360 px');
  const top = await page.$eval('#f', (f) => f.getBoundingClientRect().top);
  const summary = await frame.locator('#verdicts .summary').boundingBox();
  // The frame's boxes are given in the page's coordinates.
  assert.ok(summary.y >= top && summary.y + summary.height <= 640, `the summary spans ${summary.y}–${summary.y + summary.height} px of 640`);
  assert.deepEqual(errors, []);
  await context.close();
});
