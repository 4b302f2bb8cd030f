// Offline after the first visit (issue 6): the service worker caches the versioned site,
// a new deploy replaces that cache as a whole, and with the server stopped a reload
// still shows the playground (and the JS API demo still explains).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, copyOfDist } from './harness.mjs';

const PREFIX = '/tools/pullpolicy/';

let root;
let server;
let browser;
before(async () => {
  // A private copy, because the test deploys a new version into it.
  root = copyOfDist();
  server = await serve({ root, prefix: PREFIX });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** VERSION and ASSETS, as `cargo xtask dist` wrote them into sw.js. */
function worker() {
  const text = fs.readFileSync(path.join(root, 'sw.js'), 'utf8');
  return {
    text,
    version: text.match(/^const VERSION = '([0-9a-f]+)';$/m)[1],
    assets: JSON.parse(text.match(/^const ASSETS = (\[.*\]);$/m)[1]),
  };
}

/** Polls the page's cache names until `done(names)` holds (or fails after 30 s). */
async function cacheNames(page, done) {
  let names;
  for (let i = 0; i < 150; i++) {
    names = await page.evaluate(() => caches.keys());
    if (done(names)) return names;
    await page.waitForTimeout(200);
  }
  assert.fail(`cache names stayed ${JSON.stringify(names)}`);
}

test('the service worker lists the site and versions it by content', () => {
  const { version, assets } = worker();
  assert.match(version, /^[0-9a-f]{16}$/);
  // The diagnose module too: the web component imports it for pasted evidence, offline as well.
  for (const file of ['index.html', 'sw-register.js', 'embed/pull-policy-explainer.js', 'npm/pullpolicy.js', 'npm/pullpolicy_bg.wasm', 'npm/pullpolicy_diagnose.js', 'npm/pullpolicy_diagnose_bg.wasm']) {
    assert.ok(assets.includes(file), `ASSETS lacks ${file}`);
  }
  for (const file of assets) assert.ok(fs.existsSync(path.join(root, file)), `ASSETS names a missing ${file}`);
  assert.ok(!assets.includes('sw.js') && !assets.includes('_headers'));
  const index = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  assert.ok(index.includes('<script type="module" src="./sw-register.js"></script>'));
});

test('offline after the first visit; a new deploy replaces the cache', { timeout: 180000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  // First visit: the worker installs, caches this version and takes control.
  const first = worker();
  await page.goto(server.url);
  await page.waitForSelector('main', { timeout: 30000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, server.url);
  const v1 = `pullpolicy ${scope} ${first.version}`;
  assert.deepEqual(await cacheNames(page, (n) => n.length > 0), [v1]);
  const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), v1);
  assert.deepEqual(cached.sort(), first.assets.map((a) => new URL(a, server.url).href).sort());

  // A new deploy: one file changes, and with it the version in sw.js.
  fs.appendFileSync(path.join(root, 'sw-register.js'), '\n// deploy 2\n');
  const v2Version = 'feedfacecafe0002';
  fs.writeFileSync(path.join(root, 'sw.js'), first.text.replace(first.version, v2Version));
  const v2 = `pullpolicy ${scope} ${v2Version}`;
  await page.reload();
  await page.waitForSelector('main', { timeout: 30000 });
  assert.deepEqual(await cacheNames(page, (n) => n.includes(v2) && !n.includes(v1)), [v2]);
  const redeployed = await page.evaluate(
    async (name) => (await (await caches.open(name)).match('sw-register.js')).text(),
    v2,
  );
  assert.ok(redeployed.endsWith('// deploy 2\n'), 'the new cache holds the new deploy');

  // The server stops: the reload comes from the cache.
  await server.close();
  server = null;
  await assert.rejects(fetch(new URL(PREFIX, page.url())), 'the server is down');
  await page.reload();
  await page.waitForSelector('main', { timeout: 30000 });
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the worker');
  const cards = await page
    .waitForSelector('[data-effective-policy]', { timeout: 5000 })
    .then(() => true, () => false);
  if (!cards) console.log('# the playground shows no [data-effective-policy] yet (checked `main` only)');

  // A compressed share link opens offline too: the codec the page loads for it is cached.
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: z}\nspec:\n  containers:\n  - {name: c, image: nginx:1.27}\n';
  const z = zlib.deflateRawSync(Buffer.from(manifest, 'utf8'), { level: 9 }).toString('base64url');
  const home = page.url().split('#')[0];
  await page.goto('about:blank');
  await page.goto(`${home}#z=${z}`);
  await page.waitForSelector('[data-effective-policy]', { timeout: 30000 });
  assert.equal(await page.inputValue('#manifest'), manifest);

  // Other pages of the site work offline too: the JS API demo explains.
  await page.goto(new URL('embed/demo.html', page.url()).href);
  await page.waitForSelector('#explain:not([disabled])', { timeout: 30000 });
  await page.click('#explain');
  await page.waitForFunction(() => document.getElementById('out').textContent.startsWith('{'));
  assert.equal(JSON.parse(await page.textContent('#out')).schemaVersion, 1);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [v2]);
  assert.deepEqual(pageErrors, []);
  await context.close();
});
