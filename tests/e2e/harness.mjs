// Shared pieces of the end-to-end suite: a static server for dist/ that records
// every request, and the system's headless Chromium driven by playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const DIST = process.env.PULLPOLICY_DIST ?? path.resolve(import.meta.dirname, '../../dist');
export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** Serves `root` under `prefix` (e.g. "/tools/pullpolicy/") on 127.0.0.1; records requests. */
export async function serve({ root = DIST, prefix = '/' } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The system Chromium, headless, with the flags that work as root on these machines. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.PULLPOLICY_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a fresh context that records console errors, page errors, every request it
 * makes and every dialog (dismissed). `clipboard`: clipboard access for the page's origin.
 * `hold`: a URL pattern whose responses wait until the page calls `window.__release()`
 * (without a service worker, which would answer them itself).
 */
export async function openPage(
  browser,
  url,
  { width = 1280, height = 800, colorScheme = 'light', bypassCSP = false, clipboard = false, hold = null } = {},
) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    bypassCSP,
    serviceWorkers: hold ? 'block' : 'allow',
  });
  if (clipboard) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  }
  // When the first verdict reached the DOM (performance.now()), for `deferredLoad` and
  // the bench.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-effective-policy]')) {
        window.__firstVerdictAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  if (hold) {
    let release;
    const released = new Promise((resolve) => (release = resolve));
    await page.exposeFunction('__release', () => release());
    await page.route(hold, async (route) => {
      await released;
      await route.continue();
    });
  }
  const errors = [];
  const requests = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(url);
  return { page, context, errors, requests, dialogs };
}

/** [`openPage`] on the site's playground (`rest`: a query and/or fragment), once its
 *  verdicts are drawn and, unless embedded, its deferred module has loaded (or failed to):
 *  from then on, picking an example is immediate. */
export async function openPlayground(site, rest = '', options = {}) {
  const opened = await openPage(site.browser, site.server.url + rest, options);
  await opened.page.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  if (!/[?&]embed(&|=|$)/.test(rest.split('#')[0])) {
    await opened.page.waitForSelector('html[data-library]', { state: 'attached', timeout: 20000 });
  }
  return opened;
}

/** Waits for the playground's deferred module (FAQ answers, examples, the `#z=` codec;
 *  web/src/codec.rs) and says how it went: `library` ("loaded" or "unavailable"), and
 *  `afterFirstVerdict`, whether the page asked for it only after its first verdict was in
 *  the DOM. */
export async function deferredLoad(page) {
  await page.waitForSelector('html[data-library]', { state: 'attached', timeout: 20000 });
  return page.evaluate(() => {
    const codec = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/codec.js'));
    return {
      library: document.documentElement.dataset.library,
      afterFirstVerdict: Boolean(codec) && window.__firstVerdictAt !== undefined && codec.startTime > window.__firstVerdictAt,
    };
  });
}

/** Waits until the verdicts reflect the editor (the analysis is debounced); `timeout` in
 *  ms, Playwright's default without it. */
export async function settled(page, timeout) {
  await page.waitForFunction(
    () => !document.querySelector('.status-text')?.textContent.includes('Explaining'),
    null,
    timeout === undefined ? {} : { timeout },
  );
}

export function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * A private copy of `dist` in a new temporary folder (hidden entries, such as the
 * `.stage/` of a Trunk build in progress, left out): for tests that add or change files,
 * or that must not see a concurrent rebuild. The caller removes it.
 */
export function copyOfDist(dist = DIST) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pullpolicy-dist-'));
  fs.cpSync(dist, dir, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') || src === dist });
  return dir;
}

/** For a test file: `dist/` served under `prefix` and a browser, started before its
 *  tests and stopped after them (`site.server`, `site.browser`). */
export function useSite(prefix = '/tools/pullpolicy/') {
  const site = { server: null, browser: null };
  before(async () => {
    site.server = await serve({ prefix });
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
