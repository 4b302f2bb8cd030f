// The release site loads, renders, and asks for nothing but its own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, artifact, useSite } from './harness.mjs';

const site = useSite();

test('the playground renders under a sub-path with same-origin requests only', async () => {
  const { page, errors, requests } = await openPage(site.browser, site.server.url);
  await page.waitForSelector('[data-effective-policy]', { timeout: 20000 });
  assert.deepEqual(errors, []);
  for (const url of requests) {
    assert.ok(url.startsWith(site.server.url), `request left the site: ${url}`);
  }
  await page.screenshot({ path: artifact('playground-1280x800.png') });
});
