// The playground's deferred module (FAQ answers, examples, the #z= codec; see
// web/src/codec.rs) missing: a host that did not copy it, or a download that failed.
// The page still explains; the FAQ and the examples menu say what is missing. And the
// module arriving late: what was asked for meanwhile happens when it arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, copyOfDist, openPage, deferredLoad } from './harness.mjs';

let root;
let server;
let full;
let browser;

before(async () => {
  root = copyOfDist();
  const removed = fs.readdirSync(root).filter((f) => f.startsWith('pullpolicy_deferred'));
  assert.deepEqual(removed.sort(), ['pullpolicy_deferred.js', 'pullpolicy_deferred_bg.wasm']);
  for (const f of removed) fs.rmSync(path.join(root, f));
  server = await serve({ root, prefix: '/p/' });
  full = await serve({ prefix: '/p/' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await full?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const notice = (page) => page.textContent('.notice-area .notice-text');

test('without its deferred module the playground explains, and says what is missing', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await page.waitForSelector('[data-effective-policy]');
  const tour = await page.inputValue('#manifest');
  assert.deepEqual(await deferredLoad(page), { library: 'unavailable', afterFirstVerdict: true });
  await page.click('#faq-always-redownload .disclose');
  assert.equal(
    await page.textContent('#faq-always-redownload-c p'),
    "The answer could not be loaded: the page's second module did not load. Reload the page to try again; the links below cover the question.",
  );
  assert.ok(await page.$('#faq-always-redownload-c a[href^="https://kubernetes.io/"]'), 'the links are there');
  // An example other than the first cannot be loaded; the editor keeps its text.
  await page.click('#examples-button');
  await page.click('[data-example="no-tag"]');
  await page.waitForSelector('.notice-area .notice.error');
  assert.equal(
    await notice(page),
    "The example “No tag” could not be loaded: the page's second module did not load. Reload the page to try again.",
  );
  assert.equal(await page.inputValue('#manifest'), tour);
  assert.equal(await page.getAttribute('#examples-button', 'aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'examples-button');
  // The first example is part of the first load.
  await page.fill('#manifest', 'kind: Pod\n');
  await page.click('#examples-button');
  await page.click('[data-example="tour"]');
  await page.waitForFunction(() => document.querySelector('.notice-area .notice-text')?.textContent.startsWith('Loaded'));
  assert.equal(await notice(page), 'Loaded the example “Tour”.');
  assert.equal(await page.inputValue('#manifest'), tour);
  // Only the missing files failed (the page's and the worker's requests for them).
  assert.deepEqual(
    errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e)),
    [],
  );
  await context.close();
});

test('an example picked and an answer opened before the deferred module arrives', async () => {
  const { page, context, errors } = await openPage(browser, full.url, { hold: '**/codec.js' });
  await page.waitForSelector('[data-effective-policy]');
  await page.$eval('#faq-always-redownload .disclose', (b) => b.click());
  assert.equal(await page.textContent('#faq-always-redownload-c p'), 'Loading the answer…');
  await page.click('#examples-button');
  await page.click('[data-example="no-tag"]');
  await page.waitForTimeout(500);
  assert.equal(await page.$('html[data-library]'), null, 'still held back');
  assert.match(await page.inputValue('#manifest'), /name: tour/, 'the editor waits for the example');
  await page.evaluate(() => window.__release());
  await page.waitForFunction(() => document.querySelector('.notice-area .notice-text')?.textContent.startsWith('Loaded'));
  assert.equal(await notice(page), 'Loaded the example “No tag”.');
  assert.match(await page.inputValue('#manifest'), /image: redis$/m);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'manifest');
  await page.waitForFunction(() => /^No\. With Always/.test(document.querySelector('#faq-always-redownload-c p').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});
