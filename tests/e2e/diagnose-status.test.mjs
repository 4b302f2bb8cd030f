// The playground's words around a diagnosis (issue #18): the status bar says "Diagnosed
// in N ms" after a diagnosis and "Explained in N ms" after an explanation; when the
// diagnosis module cannot be loaded, the results pane's headline says so (not that "the
// analysis of this manifest crashed"), the live region too, and the text stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { copyOfDist, launch, openPage, openPlayground, serve, settled, useSite } from './harness.mjs';

const FIXTURES = path.resolve(import.meta.dirname, '../../crates/pullpolicy/tests/fixtures/diagnose');
const DESCRIBE = fs.readFileSync(path.join(FIXTURES, 'composed/describe_current.txt'), 'utf8');
const MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata: {name: pasted}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n';

const site = useSite();

/** Pastes `text` into the editor, as a user does, and waits for its result. */
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('#manifest');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settled(page);
}

const status = (page) => page.textContent('.status-text');

test('the status bar says "Diagnosed in" after a diagnosis, "Explained in" after an explanation', { timeout: 60000 }, async () => {
  const { page, context, errors } = await openPlayground(site, '', { clipboard: true });
  assert.match(await status(page), /^Explained in \d+ ms$/);
  await paste(page, DESCRIBE);
  await page.waitForSelector('.diag-summary', { timeout: 20000 });
  await page.waitForFunction(() => /^Diagnosed in \d+ ms$/.test(document.querySelector('.status-text').textContent));
  await paste(page, MANIFEST);
  await page.waitForSelector('[data-effective-policy]');
  await page.waitForFunction(() => /^Explained in \d+ ms$/.test(document.querySelector('.status-text').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the diagnosis module cannot load, the headline says so and the text stays', { timeout: 60000 }, async () => {
  const root = copyOfDist();
  for (const f of fs.readdirSync(root).filter((f) => f.startsWith('pullpolicy_diagnosis'))) fs.rmSync(path.join(root, f));
  const server = await serve({ root, prefix: '/p/' });
  const browser = await launch();
  try {
    const { page, context } = await openPage(browser, server.url, { clipboard: true });
    await page.waitForSelector('[data-effective-policy]');
    await paste(page, DESCRIBE);
    await page.waitForSelector('#crash-details');
    const notice = await page.evaluate(() => {
      const box = document.querySelector('#verdicts .message.error');
      return { headline: box.querySelector('strong').textContent, advice: box.querySelectorAll('p')[1].textContent };
    });
    assert.deepEqual(notice, {
      headline: 'The diagnosis could not be loaded.',
      advice: 'Your text is safe in the editor. The part of the playground that diagnoses pasted evidence did not load (the connection may have dropped, or the site is being updated). Press Explain to try again, or reload the page; manifests are still explained.',
    });
    assert.equal(await page.inputValue('#manifest'), DESCRIBE, 'the text stays');
    await page.waitForFunction(() => document.getElementById('announcer').textContent === 'The diagnosis could not be loaded; press Explain to try again.', null, { timeout: 5000 });
    // A manifest is still explained.
    await paste(page, MANIFEST);
    await page.waitForSelector('[data-effective-policy]');
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
