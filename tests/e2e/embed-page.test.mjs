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

let server;
let origin;
let browser;
before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/parent.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(PARENT);
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
  assert.equal(await page.$('#faq'), null, 'no FAQ');
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
