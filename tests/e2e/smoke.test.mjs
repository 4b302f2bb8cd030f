// The release site loads, renders, and asks for nothing but its own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, artifact } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serve({ prefix: '/tools/pullpolicy/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the playground renders under a sub-path with same-origin requests only', async () => {
  const { page, errors, requests } = await openPage(browser, server.url);
  await page.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  assert.deepEqual(errors, []);
  for (const url of requests) {
    assert.ok(url.startsWith(server.url), `request left the site: ${url}`);
  }
  await page.screenshot({ path: artifact('playground-1280x800.png') });
});
