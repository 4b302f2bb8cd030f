// The playground's diagnosis of pasted evidence (issue #18), on the release build in the
// system's Chromium: the page tells evidence (kubectl describe output, Pod status, events,
// Node objects) from a manifest; the analysis worker diagnoses evidence with the
// diagnosis module it imports when a paste needs it; the page shows each failing
// container's class, reason, message and fix, every finding at its place in the paste.
// Also: a mixed paste, a pod without a pull problem, a manifest after evidence, the
// examples, share links, FAQ links, axe-core, the module missing, and markup injection
// (evidence of any size goes through the worker; the page renders the worker's result
// as it does the worker's explanations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { copyOfDist, launch, openPage, openPlayground, serve, settled, useSite } from './harness.mjs';

const AXE = path.resolve(import.meta.dirname, 'node_modules/axe-core/axe.min.js');
const FIXTURES = path.resolve(import.meta.dirname, '../../crates/pullpolicy/tests/fixtures/diagnose');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const DESCRIBE = fixture('composed/describe_current.txt');
const MIXED = fixture('composed/mixed.txt');
const RUNNING = fixture('composed/running.txt');
const MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata: {name: pasted}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n';

const site = useSite();
const open = (hash = '', options = {}) => openPlayground(site, hash, { ...options, clipboard: true });
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
const inflateZ = (link) =>
  zlib.inflateRawSync(Buffer.from(new URL(link).hash.slice(1).split('&')[0].replace(/^z=/, ''), 'base64url')).toString('utf8');

/** Pastes `text` into the editor, as a user does, and waits for its result. */
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('#manifest');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settled(page);
}

/** Waits for the diagnosis section, and reads it. */
async function diagnosis(page) {
  await page.waitForSelector('.diag-summary', { timeout: 20000 });
  return page.evaluate(() => ({
    title: document.getElementById('verdicts-title').textContent,
    count: Number(document.querySelector('.diag-summary').dataset.diagnoses),
    diagnoses: [...document.querySelectorAll('.diagnosis')].map((d) => ({
      class: d.dataset.class,
      reason: d.dataset.reason,
      heading: d.querySelector('h3').textContent,
      image: d.querySelector('.diag-image')?.textContent ?? null,
      message: d.querySelector('.diag-message')?.textContent ?? null,
      fix: d.querySelector('.diag-fix').textContent,
    })),
    rules: [...document.querySelectorAll('#verdicts [data-rule]')].map((f) => f.dataset.rule),
    cards: document.querySelectorAll('[data-effective-policy]').length,
  }));
}

async function pickExample(page, id) {
  await page.click('#examples-button');
  await page.click(`[data-example="${id}"]`);
  await settled(page);
}

test('a pasted describe output shows class, reason, message and fix, each finding at its line', async () => {
  const { page, context, errors } = await open();
  await paste(page, DESCRIBE);
  const d = await diagnosis(page);
  assert.equal(d.title, 'Diagnosis');
  assert.equal(d.count, 1);
  assert.equal(d.cards, 0, 'no verdict cards for evidence');
  assert.deepEqual(d.diagnoses.map(({ class: c, reason, image, message }) => ({ c, reason, image, message })), [
    {
      c: 'not-found',
      reason: 'ImagePullBackOff',
      image: 'nginx:9.9',
      message: 'failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve image: docker.io/library/nginx:9.9: not found',
    },
  ]);
  assert.match(d.diagnoses[0].heading, /^pod shop\/web-7d9f8c6b4-x2kqp, container web: ImagePullBackOff \(not-found: /);
  assert.ok(d.diagnoses[0].fix.length > 20, d.diagnoses[0].fix);
  assert.ok(d.rules.includes('pull-failure'), d.rules.join());
  assert.match(await page.textContent('.diag-summary'), /^1 input: 1 pull failure \(1 pod with a pull problem, 0 without\)/);
  // The diagnosis's "line N" selects its place in the paste.
  await page.click('.diagnosis .diag-where [data-act="jump"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manifest');
  const selected = await page.evaluate(() => {
    const a = document.getElementById('manifest');
    return { text: a.value.slice(a.selectionStart, a.selectionEnd), line: a.value.slice(0, a.selectionStart).split('\n').length };
  });
  assert.ok(selected.line > 1, JSON.stringify(selected));
  // Every finding has an editor marker that leads to it.
  const marks = await page.$$('.gutter .mark');
  assert.ok(marks.length > 0, 'editor markers');
  await marks[0].click();
  assert.match(await page.evaluate(() => document.activeElement.id), /^f-\d+-d-\d+$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a mixed paste (describe, events table, a Node) and a pod without a pull problem', async () => {
  const { page, context, errors } = await open();
  await paste(page, MIXED);
  let d = await diagnosis(page);
  assert.deepEqual(d.diagnoses.map((x) => [x.class, x.reason]), [['rate-limited', 'ErrImagePull']]);
  assert.ok(d.rules.includes('image-on-node'), d.rules.join());
  // The node holds the image: the policy (Always, an untagged image) is the culprit.
  assert.match(await page.textContent('.diagnosis'), /Always/);
  await paste(page, RUNNING);
  d = await diagnosis(page);
  assert.equal(d.count, 0);
  assert.deepEqual(d.diagnoses, []);
  assert.match(await page.textContent('.diag-pod'), /running-pod|app/);
  assert.equal(await page.textContent('.diag-none'), 'No image-pull failure in this input.');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a manifest is still explained, before and after evidence', async () => {
  const { page, context, errors } = await open();
  await paste(page, DESCRIBE);
  await diagnosis(page);
  await paste(page, MANIFEST);
  await page.waitForSelector('[data-effective-policy]');
  assert.equal(await page.textContent('#verdicts-title'), 'Verdicts');
  assert.equal(await page.$('.diag-summary'), null);
  // A manifest whose comment names a waiting reason is explained too.
  await paste(page, `# fixes ErrImagePull\n${MANIFEST}`);
  await page.waitForSelector('[data-effective-policy]');
  assert.equal(await page.$('.diag-summary'), null);
  // A Pod object with a status and no pull problem is a manifest.
  await paste(page, `${MANIFEST}status:\n  phase: Running\n  containerStatuses:\n  - name: a\n    state: {running: {}}\n`);
  await page.waitForSelector('[data-effective-policy]');
  // With a pull failure in its status, it is diagnosed.
  await paste(page, `${MANIFEST}status:\n  phase: Pending\n  containerStatuses:\n  - name: a\n    image: nginx:1.27\n    state:\n      waiting:\n        reason: ImagePullBackOff\n        message: Back-off pulling image "nginx:1.27"\n`);
  const d = await diagnosis(page);
  assert.deepEqual(d.diagnoses.map((x) => x.reason), ['ImagePullBackOff']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every evidence example shows its class', async () => {
  const { page, context, errors } = await open();
  const expected = {
    'diagnose-not-found': 'not-found',
    'diagnose-access-denied': 'access-denied',
    'diagnose-no-credentials': 'no-credentials',
    'diagnose-rate-limited': 'rate-limited',
    'diagnose-platform': 'platform-mismatch',
    'diagnose-never-pull': 'never-pull',
  };
  const ids = await page.$$eval('[data-example]', (els) => els.map((e) => e.dataset.example));
  assert.deepEqual(ids.filter((id) => id.startsWith('diagnose-')), Object.keys(expected));
  for (const [id, cls] of Object.entries(expected)) {
    await pickExample(page, id);
    const d = await diagnosis(page);
    assert.equal(d.diagnoses[0]?.class, cls, id);
  }
  // Back to a manifest example: verdicts again.
  await pickExample(page, 'no-tag');
  await page.waitForSelector('[data-effective-policy]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('share links carry evidence and reopen on the diagnosis', async () => {
  const { page, context, errors } = await open();
  await pickExample(page, 'diagnose-not-found');
  await diagnosis(page);
  const text = await page.inputValue('#manifest');
  await page.click('#share-button');
  const link = await page.inputValue('#share-link');
  assert.match(link, /#z=[A-Za-z0-9_-]+$/);
  assert.equal(inflateZ(link), text);
  for (const url of [link, `${site.server.url}#yaml=${b64url(DESCRIBE)}`]) {
    const again = await openPage(site.browser, url);
    const d = await diagnosis(again.page);
    assert.deepEqual(d.diagnoses.map((x) => x.class), ['not-found'], url);
    assert.equal(await again.page.inputValue('#manifest'), url === link ? text : DESCRIBE);
    assert.deepEqual(again.errors, []);
    await again.context.close();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a diagnosis links to its FAQ entry (scroll, focus, history)', async () => {
  const { page, context, errors } = await open();
  await pickExample(page, 'diagnose-rate-limited');
  await diagnosis(page);
  const href = await page.getAttribute('.diagnosis .faq-links a', 'href');
  assert.match(href, /#faq-[a-z0-9-]+$/);
  const id = href.split('#')[1];
  const faqIds = await page.$$eval('.diagnosis .faq-links a', (as) => as.map((a) => a.getAttribute('href').split('#')[1]));
  const known = ['faq-errimagepull-vs-imagepullbackoff', 'faq-rate-limits-and-always', 'faq-private-registry-pull-secrets', 'faq-one-node-works'];
  assert.ok(faqIds.some((f) => known.includes(f)), faqIds.join());
  await page.click('.diagnosis .faq-links a');
  await page.waitForFunction((i) => document.activeElement?.closest(`#${i}`) && document.activeElement.getAttribute('aria-expanded') === 'true', id);
  assert.equal(new URL(page.url()).hash, `#${id}`);
  await page.waitForFunction((i) => document.querySelector(`#${i}-c p`)?.textContent.length > 20, id);
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.closest('.diagnosis'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe-core finds no violations in the diagnosis, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await open('', { colorScheme, bypassCSP: true });
    for (const id of ['diagnose-rate-limited', 'diagnose-platform']) {
      await pickExample(page, id);
      await diagnosis(page);
      await page.$$eval('.disclose[aria-expanded="false"]', (bs) => bs.forEach((b) => b.click()));
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} (${v.nodes[0].failureSummary})`);
      });
      assert.deepEqual(violations, [], `${colorScheme}: ${id}`);
    }
    await context.close();
  }
});

test('without the diagnosis module, evidence says it could not load; manifests explain', async () => {
  const root = copyOfDist();
  const removed = fs.readdirSync(root).filter((f) => f.startsWith('pullpolicy_diagnosis'));
  assert.deepEqual(removed.sort(), ['pullpolicy_diagnosis.js', 'pullpolicy_diagnosis_bg.wasm']);
  for (const f of removed) fs.rmSync(path.join(root, f));
  const server = await serve({ root, prefix: '/p/' });
  const browser = await launch();
  try {
    const { page, context, errors } = await openPage(browser, server.url, { clipboard: true });
    await page.waitForSelector('[data-effective-policy]');
    await paste(page, DESCRIBE);
    await page.waitForSelector('#crash-details');
    assert.match(await page.inputValue('#crash-details'), /\(worker\): the diagnosis could not be loaded: its module \(pullpolicy_diagnosis\) did not load in the analysis worker .*Reload the page to try again; manifests are still explained\.$/);
    assert.equal(await page.inputValue('#manifest'), DESCRIBE, 'the text stays');
    await paste(page, MANIFEST);
    await page.waitForSelector('[data-effective-policy]');
    assert.deepEqual(errors.filter((e) => !/status of 404|Failed to fetch dynamically imported module/.test(e)), []);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------
// Injection: every payload of tests/data/injection.json in a pod name, a container name
// and an event message, pasted (small and 24 KB or more: both diagnosed in the worker).

const CORPUS = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../data/injection.json'), 'utf8'));
// Describe output and events are single-line fields: a payload's line breaks (U+2028 is
// not one for kubectl) would end the field, so \n and \r become spaces.
const oneLine = (s) => s.replace(/[\r\n]/g, ' ');
const evidence = (p) => {
  const t = oneLine(p);
  return `Name:             ${t}
Namespace:        default
Status:           Pending
Containers:
  ${t}:
    Image:          nginx:9.9
    State:          Waiting
      Reason:       ErrImagePull
Events:
  Type     Reason     Age                From     Message
  ----     ------     ----               ----     -------
  Warning  Failed     17s (x2 over 30s)  kubelet  spec.containers{${t}}: Failed to pull image "nginx:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve image: docker.io/library/nginx:9.9: not found ${t}
  Warning  Failed     17s (x2 over 30s)  kubelet  spec.containers{${t}}: Error: ErrImagePull
`;
};
const padding = Array.from({ length: 260 }, (_, i) => `  Normal   Scheduled  2m  default-scheduler  Successfully assigned default/filler-${i} to worker-${i % 7}`).join('\n');

function active(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned,
    scripts: [...document.querySelectorAll('script')].map((s) => s.outerHTML),
    elements: [...document.querySelectorAll('img, svg, iframe, frame, object, embed, style, math, base, form:not(.editor > form.code), video, audio, link:not([href])')]
      .map((e) => e.outerHTML.slice(0, 200)),
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
  }));
}

test('markup in pasted evidence (pod and container names, event messages) shows as text and never runs', { timeout: 240000 }, async () => {
  const { page, context, errors, dialogs } = await open();
  const baseline = await active(page);
  for (const { id, text } of CORPUS.payloads) {
    for (const big of [false, true]) {
      const paste_ = evidence(text) + (big ? `${padding}\n` : '');
      assert.ok(!big || paste_.length >= 24000, `${paste_.length}`);
      await paste(page, paste_);
      await page.waitForFunction(() => document.querySelector('.diagnosis'));
      for (const sel of ['.diagnosis h3', '.diag-message']) {
        const el = await page.$(sel);
        await el.hover();
      }
      await page.waitForTimeout(50);
      const where = `${id}${big ? ' (24 KB)' : ''}`;
      assert.deepEqual(await active(page), baseline, `${where}: the page gained something active`);
      const shown = await page.evaluate(() => ({
        heading: document.querySelector('.diagnosis h3').textContent,
        message: document.querySelector('.diag-message').textContent,
        links: [...document.querySelectorAll('#verdicts a[href]')].map((a) => a.getAttribute('href')),
        cls: document.querySelector('.diagnosis').dataset.class,
      }));
      assert.equal(shown.cls, 'not-found', where);
      // The payload shows literally (the HTML encoder keeps control characters as
      // references; HTML cannot hold NUL; the core trims the line's spaces).
      const shownText = oneLine(text).replaceAll('\0', '\ufffd').trim();
      assert.ok(shown.message.includes(shownText), `${where}: the message ${JSON.stringify(shown.message)}`);
      for (const href of shown.links) {
        assert.ok(href.startsWith('https://kubernetes.io/') || /^#[a-z0-9-]+$/.test(href), `${where}: link ${href}`);
      }
    }
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
