// Issue 20, the article's reader: its myths answered where they are written, cards in
// start order with the order explained, and a rejection no finding carries counted as
// an error in "Copy as Markdown" too (the summary, markers and live region:
// rejections.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPlayground, settled, useSite } from './harness.mjs';

const site = useSite();
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
const MYTHS = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/myths-configuration-file-and-label.yaml'), 'utf8');

test("the article's configuration file and pull-policy labels get findings that say what decides, with the FAQ link", async () => {
  const { page, context, errors } = await openPlayground(site, `#yaml=${b64url(MYTHS)}`);
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll('#verdicts li.finding[data-rule="no-pull-policy-kind"], #verdicts li.finding[data-rule="pull-policy-label"]')].map((li) => ({
      rule: li.dataset.rule,
      severity: li.className.match(/sev-(\w+)/)?.[1],
      message: li.querySelector('.msg').textContent,
      text: li.textContent,
      faq: [...li.querySelectorAll('.faq-links a')].map((a) => a.getAttribute('href')),
    })),
  );
  assert.deepEqual(
    shown.map(({ rule, severity, message }) => [rule, severity, message]),
    [
      ['no-pull-policy-kind', 'warning', "Kubernetes has no ImagePullPolicy kind: the pull policy is each container's imagePullPolicy field"],
      ['pull-policy-label', 'warning', 'the label "pull-policy" does not set a pull policy: Kubernetes reads only each container\'s imagePullPolicy'],
      ['pull-policy-label', 'warning', 'the annotation "example.com/imagePullPolicy" does not set a pull policy: Kubernetes reads only each container\'s imagePullPolicy'],
    ],
  );
  for (const f of shown) {
    // What really decides: the container field, defaulting, AlwaysPullImages.
    assert.match(f.text, /imagePullPolicy/);
    assert.match(f.text, /Always for an image without a tag or with the tag latest, IfNotPresent otherwise/);
    assert.match(f.text, /AlwaysPullImages admission plugin/);
    assert.ok(f.faq.includes('#faq-what-is-imagepullpolicy'), `${f.rule}: ${f.faq}`);
  }
  // The "configuration file" is no longer just "nothing to explain".
  assert.match(await page.textContent('#verdicts'), /ImagePullPolicy allowed-images/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cards are in start order, the YAML order within a list, with the order explained', async () => {
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: web}',
    'spec:',
    '  containers:',
    '  - {name: app, image: "nginx:1.27"}',
    '  - {name: metrics, image: "exporter:2"}',
    '  initContainers:',
    '  - {name: proxy, image: "envoy:1", restartPolicy: Always}',
    '  - {name: migrate, image: "tool:1"}',
    '',
  ].join('\n');
  const { page, context, errors } = await openPlayground(site, `#yaml=${b64url(pod)}`);
  const cards = await page.$$eval('#verdicts article.card', (as) =>
    as.map((a) => `${a.querySelector('.role').textContent} ${a.querySelector('.name').textContent}`),
  );
  assert.deepEqual(cards, ['sidecar proxy', 'init container migrate', 'container app', 'container metrics']);
  assert.equal(
    await page.textContent('#verdicts .order-note'),
    'In start order: image volumes are pulled first, then init containers and sidecars start one at a time as listed, then the app containers; ephemeral containers join a running Pod.',
  );
  // A Pod of app containers only: no note.
  await page.goto(site.server.url + `#yaml=${b64url('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: "nginx:1"}\n')}`);
  await page.waitForSelector('[data-effective-policy]');
  await settled(page);
  assert.equal(await page.$('#verdicts .order-note'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Copy as Markdown" counts a refusal as an error', async () => {
  const ephemeral = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: "nginx:1"}\n  ephemeralContainers:\n  - {name: debug, image: "busybox:1"}\n';
  const { page, context, errors } = await openPlayground(site, `#yaml=${b64url(ephemeral)}`, { clipboard: true });
  await page.click('#markdown-button');
  await page.waitForSelector('#markdown-text');
  const md = await page.inputValue('#markdown-text');
  assert.match(md, /\b2 errors\b/, md.slice(0, 400));
  assert.match(md, /ephemeral-containers-forbidden/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an FAQ link scrolls its answer into view, and Back returns to the finding it was in', async () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx}\n';
  const { page, context, errors } = await openPlayground(site, `#yaml=${b64url(pod)}`, { height: 700 });
  const link = page.locator('#verdicts li.finding[data-rule="latest-tag"] .faq-links a').first();
  const href = await link.getAttribute('href');
  const back = await link.evaluate((a) => a.closest('[id]').id);
  assert.match(href, /^#faq-[a-z-]+$/);
  const before = await page.evaluate(() => location.hash);
  await link.click();
  await page.waitForFunction((h) => location.hash === h, href);
  // The question at the top of the viewport (not at its bottom edge), its answer open and
  // visible below it.
  await page.waitForFunction((h) => {
    const q = document.querySelector(h)?.getBoundingClientRect();
    return q && Math.abs(q.top) < 40;
  }, href, { timeout: 5000 });
  const shown = await page.evaluate((h) => {
    const entry = document.querySelector(h);
    const answer = entry.querySelector('[id$="-c"]');
    const a = answer?.getBoundingClientRect();
    return { hidden: answer?.hidden, answerTop: a?.top, height: innerHeight, focused: entry.contains(document.activeElement) };
  }, href);
  assert.equal(shown.hidden, false);
  assert.ok(shown.answerTop < shown.height * 0.5, `the answer starts at ${shown.answerTop} of ${shown.height}`);
  assert.ok(shown.focused, 'the focus is in the entry');
  // Back: the previous entry, the finding in view and focused.
  await page.goBack();
  await page.waitForFunction((h) => location.hash === h, before);
  await page.waitForFunction((id) => document.activeElement?.id === id, back, { timeout: 5000 });
  const r = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().toJSON(), back);
  const height = await page.evaluate(() => innerHeight);
  assert.ok(r.top >= 0 && r.top < height, `the finding is in view (${r.top} of ${height})`);
  // Forward: the answer again.
  await page.goForward();
  await page.waitForFunction((h) => location.hash === h, href);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after a syntax error the last cards stay, greyed and marked, only while the text is about the same objects', async () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n  - name: metrics\n    image: exporter:2\n';
  const { page, context, errors } = await openPlayground(site, `#yaml=${b64url(pod)}`);
  const shown = () =>
    page.evaluate(() => ({
      stale: Boolean(document.querySelector('#verdicts .documents.stale')),
      note: document.querySelector('#verdicts .stale-note')?.textContent ?? null,
      cards: [...document.querySelectorAll('#verdicts [data-effective-policy] .name')].map((n) => n.textContent),
      syntax: Boolean(document.querySelector('#verdicts .message.syntax')),
      empty: document.querySelector('#verdicts').textContent.includes('Nothing to explain yet'),
    }));
  // The same Pod and containers with a syntax error: the cards stay, greyed, marked.
  await page.fill('#manifest', pod.replace('image: nginx:1.27', 'image: [nginx:1.27'));
  await page.waitForSelector('#verdicts .message.syntax', { timeout: 10000 });
  await settled(page);
  assert.deepEqual(await shown(), {
    stale: true,
    note: 'The verdicts below are from the last version without a syntax error; they update once the error is fixed.',
    cards: ['app', 'metrics'],
    syntax: true,
    empty: false,
  });
  // Another object (a renamed container) with a syntax error: the old cards go.
  await page.fill('#manifest', pod.replace('name: metrics', 'name: exporter').replace('image: nginx:1.27', 'image: [nginx:1.27'));
  await page.waitForFunction(() => !document.querySelector('#verdicts .documents.stale'), null, { timeout: 10000 });
  await settled(page);
  assert.deepEqual(await shown(), { stale: false, note: null, cards: [], syntax: true, empty: false });
  // Another manifest altogether: none either.
  await page.fill('#manifest', 'apiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers:\n  - {name: postgres, image: [postgres\n');
  await page.waitForFunction(() => document.querySelector('#verdicts .message.syntax')?.textContent.includes('line'), null, { timeout: 10000 });
  await settled(page);
  assert.deepEqual(await shown(), { stale: false, note: null, cards: [], syntax: true, empty: false });
  assert.deepEqual(errors, []);
  await context.close();
});
