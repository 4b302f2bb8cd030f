// Issue 20, the phone: at 360×640 the first screen of the playground and of the embed
// shows the verdict summary (the editor is shorter and the verdicts come before the
// scenario), and the header takes one row (its buttons scroll sideways), axe-clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openPlayground, useSite } from './harness.mjs';

const site = useSite();
const AXE = path.resolve(import.meta.dirname, 'node_modules/axe-core/axe.min.js');
const PHONE = { width: 360, height: 640 };
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} (${v.nodes[0].failureSummary})`);
  });
}

/** The summary's box, asserted to lie inside the first screen. */
async function summaryOnFirstScreen(page, label) {
  const box = await page.locator('#verdicts .summary').boundingBox();
  assert.ok(box, `${label}: a summary`);
  assert.ok(box.y >= 0 && box.y + box.height <= PHONE.height, `${label}: the summary spans ${box.y}–${box.y + box.height} px of ${PHONE.height}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${label}: no sideways scrolling of the page (${width} px)`);
}

test('at 360×640 the playground shows the verdict summary on its first screen, the header in one row', async () => {
  // The site's Content-Security-Policy forbids injected scripts such as axe.
  const { page, context, errors } = await openPlayground(site, '', { ...PHONE, bypassCSP: true });
  assert.equal(await page.evaluate(() => scrollY), 0);
  await summaryOnFirstScreen(page, 'playground');
  // One row: the name and every button share a line.
  const rows = await page.$$eval('header.top .brand, header.top .actions > *:not([hidden])', (els) =>
    els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => Math.round(r.top)),
  );
  assert.ok(rows.length >= 6, `${rows}`);
  assert.ok(Math.max(...rows) - Math.min(...rows) <= 8, `one row: tops ${rows}`);
  const header = await page.locator('header.top').boundingBox();
  assert.ok(header.height <= 56, `the header is ${header.height} px tall`);
  // The editor is still there above it, and the buttons past the edge can be reached.
  assert.ok((await page.locator('.editor-pane').boundingBox()).height >= 200);
  await page.locator('#theme-button').scrollIntoViewIfNeeded();
  assert.equal(await page.locator('#theme-button').isVisible(), true);
  await page.click('#examples-button');
  const menu = await page.locator('#examples-button-panel').boundingBox();
  assert.ok(menu && menu.x >= 0 && menu.x + menu.width <= PHONE.width, 'the menu fits the screen');
  await page.keyboard.press('Escape');
  assert.deepEqual(await axeViolations(page), [], 'phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 360×640 the embed shows the verdict summary on its first screen', async () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-pod\nspec:\n  containers:\n  - name: my-container\n    image: nginx:1.19\n    imagePullPolicy: IfNotPresent\n';
  const { page, context, errors } = await openPlayground(site, `?embed#yaml=${b64url(pod)}`, { ...PHONE, bypassCSP: true });
  await summaryOnFirstScreen(page, 'embed');
  assert.deepEqual(await axeViolations(page), [], 'embed on a phone');
  assert.deepEqual(errors, []);
  await context.close();
});
