// Opening a file in the playground (issue #8): "Open file…" and a file dropped on the
// editor. UTF-8 text lands in the editor and is explained; invalid UTF-8 and binary data
// keep the previous text and say why (the CLI's words, with the byte offset); an 11 MB
// file is kept but not analysed; a file with a 1 MB key ends with a report.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openPlayground, settled, useSite } from './harness.mjs';

const AXE = path.resolve(import.meta.dirname, 'node_modules/axe-core/axe.min.js');

const site = useSite();

// bypassCSP only where axe-core is injected (the site's CSP forbids injected scripts).
const open = ({ bypassCSP = false } = {}) => openPlayground(site, '', { bypassCSP });

const cards = (page) =>
  page.$$eval('[data-container-path]', (els) => els.map((e) => `${e.dataset.containerPath}=${e.dataset.effectivePolicy}`));

// Opened files can be large: 30 s to settle, whatever the default.
const settledLong = (page) => settled(page, 30000);

/** Drops a file on the editor through a synthetic DataTransfer. */
async function drop(page, name, bytes, type = 'text/yaml') {
  await page.evaluate(
    ({ name, bytes, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      const target = document.querySelector('#manifest');
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { name, bytes: [...bytes], type },
  );
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: from-a-file # café\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n';

test('"Open file…" is a labelled header button; a UTF-8 file lands in the editor and is explained', async () => {
  const { page, context, errors } = await open({ bypassCSP: true });
  const button = page.locator('#open-button');
  assert.equal(await button.textContent(), 'Open file…');
  assert.equal(await page.getAttribute('#open-file', 'accept'), '.yaml,.yml,.json,text/yaml,application/json');
  // Keyboard: the button is reachable and opens the file chooser.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.press('#open-button', 'Enter')]);
  await chooser.setFiles({ name: 'pod.yaml', mimeType: 'text/yaml', buffer: Buffer.from(POD, 'utf8') });
  await page.waitForFunction((t) => document.querySelector('#manifest').value === t, POD);
  await settledLong(page);
  assert.deepEqual(await cards(page), ['0:spec.containers[0]=IfNotPresent']);
  assert.match(await page.textContent('.notice-area'), /Opened pod\.yaml\./);
  // Persisted like typed text.
  await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('from-a-file')));
  // setInputFiles on the hidden input works too, and so does the same file again.
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'x', image: 'nginx' }] } });
  await page.setInputFiles('#open-file', { name: 'pod.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.waitForFunction((t) => document.querySelector('#manifest').value === t, json);
  await settledLong(page);
  assert.deepEqual(await cards(page), ['0:spec.containers[0]=Always']);
  // axe-core: the new controls are labelled.
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes[0].target.join(' ')}`);
  });
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file dropped on the editor opens like "Open file…"', async () => {
  const { page, context, errors } = await open();
  await drop(page, 'dropped.yml', Buffer.from(POD, 'utf8'));
  await page.waitForFunction((t) => document.querySelector('#manifest').value === t, POD);
  await settledLong(page);
  assert.deepEqual(await cards(page), ['0:spec.containers[0]=IfNotPresent']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('invalid UTF-8 keeps the previous text and names the byte and its offset', async () => {
  const { page, context } = await open();
  const before = await page.inputValue('#manifest');
  const bytes = Buffer.concat([Buffer.from('x'.repeat(1234), 'latin1'), Buffer.from([0xe9]), Buffer.from('\n')]);
  await page.setInputFiles('#open-file', { name: 'latin1.yaml', mimeType: 'text/yaml', buffer: bytes });
  await page.waitForSelector('.notice.error');
  assert.equal(
    (await page.textContent('.notice.error .notice-text')).trim(),
    'latin1.yaml: invalid UTF-8 (byte 0xE9 at offset 1234); the file must be UTF-8 text',
  );
  assert.equal(await page.inputValue('#manifest'), before);
  // Dropped, the same.
  await page.click('[data-act="dismiss"]');
  await drop(page, 'dropped.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xff]));
  await page.waitForSelector('.notice.error');
  assert.equal(
    (await page.textContent('.notice.error .notice-text')).trim(),
    'dropped.yaml: invalid UTF-8 (byte 0xFF at offset 3); the file must be UTF-8 text',
  );
  assert.equal(await page.inputValue('#manifest'), before);
  await context.close();
});

test('a file with a NUL byte is refused as binary data', async () => {
  const { page, context } = await open();
  const before = await page.inputValue('#manifest');
  await page.setInputFiles('#open-file', { name: 'image.yaml', mimeType: 'text/yaml', buffer: Buffer.from('kind: Pod\n\0\0\0') });
  await page.waitForSelector('.notice.error');
  assert.equal(
    (await page.textContent('.notice.error .notice-text')).trim(),
    'image.yaml: binary data (a NUL byte), not a YAML or JSON text',
  );
  assert.equal(await page.inputValue('#manifest'), before);
  await context.close();
});

test('an 11 MB file is kept but not analysed, and the tab stays responsive', async () => {
  const { page, context } = await open();
  const line = '- image: registry.example/app:1.0 # ' + 'x'.repeat(60) + '\n';
  const big = line.repeat(Math.ceil(11_000_000 / line.length));
  await page.setInputFiles('#open-file', { name: 'big.yaml', mimeType: 'text/yaml', buffer: Buffer.from(big) });
  await page.waitForSelector('text=This manifest is too large for the playground.', { timeout: 30000 });
  assert.equal(await page.$eval('#manifest', (a) => a.value.length), big.length);
  // Responsive: a round trip through the page's event loop is quick.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  assert.ok(Date.now() - t0 < 2000, 'the page answers');
  await page.click('#theme-button');
  await context.close();
});

test('a file with a 1 MB key ends with a report or a clear message', async () => {
  const { page, context, errors } = await open();
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: long-key\nspec:\n  containers:\n  - name: a\n    image: nginx\n    ${'k'.repeat(1_000_000)}: 1\n`;
  await page.setInputFiles('#open-file', { name: 'key.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await page.waitForFunction((n) => document.querySelector('#manifest').value.length === n, text.length, { timeout: 30000 });
  await settledLong(page);
  await page.waitForSelector('[data-effective-policy], .message', { timeout: 30000 });
  const verdicts = await page.textContent('#verdicts');
  assert.ok(verdicts.length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});
