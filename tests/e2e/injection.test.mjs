// Markup injection (issue 8) in the playground, its share links and scenario
// parameters, and the embed page: every payload of tests/data/injection.json (in names,
// an image, a key, a comment and annotations) shows as text and never runs. The web
// component has its own test in embed.test.mjs ('markup in a manifest shows as text
// and never runs').
//
// Each check: window.__pwned stays unset, no dialog opens, no element that could run
// or load something appears (script, img, svg, iframe, …) and no on… attribute, the
// payload shows literally where the report quotes it, and every link in the verdicts
// goes to kubernetes.io or to an in-page anchor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPlayground, settled, useSite } from './harness.mjs';

const CORPUS = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../data/injection.json'), 'utf8'));
// One manifest per payload, as the corpus describes: @Q@ is the payload as a YAML
// double-quoted scalar (JSON string syntax), @RAW@ the payload as written (a comment).
const PAYLOADS = CORPUS.payloads.map(({ id, text }) => ({
  id,
  text,
  manifest: CORPUS.template.join('\n').replaceAll('@Q@', () => JSON.stringify(text)).replaceAll('@RAW@', () => text),
}));
// Kubernetes quotes with Go's %q: for the corpus' printable ASCII, JSON's quoting.
const goQuote = (s) => JSON.stringify(s);
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');

const site = useSite();

/** A fresh context (clipboard allowed) recording errors and dialogs; waits for the verdicts. */
const open = (hash = '', { search = '' } = {}) => openPlayground(site, search + hash, { clipboard: true });

/** What could run or load something: scripts (as markup), other active elements, on… attributes. */
function active(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned,
    scripts: [...document.querySelectorAll('script')].map((s) => s.outerHTML),
    // The editor's own form (it keeps Chromium's autofill off the rest of the page) holds
    // the highlighted text, so it is left out; any other form counts.
    elements: [...document.querySelectorAll('img, svg, iframe, frame, object, embed, style, math, base, form:not(.editor > form.code), video, audio, link:not([href])')]
      .map((e) => e.outerHTML.slice(0, 200)),
    textareas: document.querySelectorAll('textarea').length,
    handlers: [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
    crash: document.querySelector('.crash')?.textContent ?? null,
  }));
}

/** Hovers and focuses what the payload names, so a broken-out handler would fire. */
async function poke(page) {
  for (const sel of ['#card-0-0 .card-head .name', '#card-0-1 dl.image code']) {
    const el = await page.$(sel);
    if (el) {
      await el.hover();
      await el.evaluate((e) => e.focus?.());
    }
  }
  await page.waitForTimeout(100); // time for an onerror/onload/onfocus to fire, were there one
}

/** Every check for one payload, once the page shows its report. */
async function assertInert(page, baseline, p, where) {
  await poke(page);
  const now = await active(page);
  assert.equal(now.pwned, undefined, `${where} ${p.id}: a payload ran`);
  assert.deepEqual(now, baseline, `${where} ${p.id}: the page gained something active`);
  const shown = await page.evaluate(() => {
    const text = (sel) => document.querySelector(sel)?.textContent ?? null;
    return {
      container: text('#card-0-0 .card-head .name'),
      image: text('#card-0-1 dl.image dd code'),
      verdicts: text('#verdicts'),
      invalidImage: text('#card-0-1 [data-rule="invalid-image-name"] .msg'),
      links: [...document.querySelectorAll('#verdicts a[href]')].map((a) => a.getAttribute('href')),
    };
  });
  assert.equal(shown.container, p.text, `${where} ${p.id}: the container name as written`);
  assert.equal(shown.image, p.text, `${where} ${p.id}: the image as written`);
  assert.ok(shown.verdicts.includes(`Pod ${p.text}`), `${where} ${p.id}: the object name`);
  assert.ok(
    shown.verdicts.includes(`strict decoding error: unknown field ${goQuote(`spec.containers[0].${p.text}`)}`),
    `${where} ${p.id}: the unknown key, quoted`,
  );
  assert.equal(
    shown.invalidImage,
    `Failed to apply default image tag ${goQuote(p.text)}: couldn't parse image name ${goQuote(p.text)}: invalid reference format`,
    `${where} ${p.id}: the invalid-image finding`,
  );
  assert.ok(shown.links.length > 0, `${where} ${p.id}: the findings link to their documentation`);
  for (const href of shown.links) {
    assert.ok(href.startsWith('https://kubernetes.io/') || /^#[a-z0-9-]+$/.test(href), `${where} ${p.id}: link ${href}`);
  }
}

/** Pastes `text` into the editor, as a user does, and waits for its verdicts. */
async function paste(page, p) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), p.manifest);
  await page.click('#manifest');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settled(page);
  await page.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, p.text);
}

test('the playground: each payload pasted into the editor shows as text and never runs', { timeout: 120000 }, async () => {
  const { page, context, errors, dialogs } = await open();
  const baseline = await active(page);
  for (const p of PAYLOADS) {
    await paste(page, p);
    assert.equal(await page.inputValue('#manifest'), p.manifest, `${p.id}: the editor holds the text`);
    // The highlighted editor shows the comment line as written.
    const firstLine = await page.$eval('.hl .ln', (l) => l.textContent);
    assert.equal(firstLine, `# ${p.text}`, `${p.id}: the comment, highlighted`);
    await assertInert(page, baseline, p, 'pasted');
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('share links: #yaml= and the app\'s own #z= link of each payload', { timeout: 180000 }, async () => {
  for (const p of PAYLOADS) {
    const { page, context, errors, dialogs } = await open(`#yaml=${b64url(p.manifest)}`);
    await page.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, p.text);
    const baseline = { ...(await active(page)) };
    // The baseline is taken with the payload already shown: it must hold nothing active
    // beyond the page's own two scripts.
    assert.equal(baseline.scripts.length, 2, `${p.id}: the page's own scripts only`);
    assert.deepEqual([baseline.elements, baseline.handlers, baseline.textareas], [[], [], 1], `${p.id}: #yaml=`);
    assert.equal(await page.inputValue('#manifest'), p.manifest);
    await assertInert(page, baseline, p, '#yaml=');
    // "Copy link" gives the compressed form; opening it shows the same, inert.
    await page.click('#share-button');
    const link = await page.inputValue('#share-link');
    assert.match(link, /#z=[A-Za-z0-9_-]+$/);
    const again = await context.newPage();
    again.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
    again.on('pageerror', (e) => errors.push(String(e)));
    await again.goto(link);
    await again.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, p.text, { timeout: 20000 });
    assert.equal(await again.inputValue('#manifest'), p.manifest);
    await assertInert(again, baseline, p, '#z=');
    assert.deepEqual(dialogs, [], p.id);
    assert.deepEqual(errors, [], p.id);
    await context.close();
  }
});

test('scenario parameters in a link: payloads in override, allowlist, k8s and unknown names', { timeout: 120000 }, async () => {
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: "nginx:1.27"}\n';
  for (const p of PAYLOADS) {
    for (const encode of [encodeURIComponent, (s) => s]) {
      const v = encode(p.text);
      const hash = `#yaml=${b64url(manifest)}&override=${v},present,,&allowlist=${v}&k8s=${v}&node=${v}&${v}=${v}`;
      const { page, context, errors, dialogs } = await open(hash);
      await poke(page);
      const now = await active(page);
      assert.equal(now.pwned, undefined, p.id);
      assert.equal(now.scripts.length, 2, `${p.id}: the page's own scripts only`);
      assert.deepEqual([now.elements, now.handlers, now.textareas, now.crash], [[], [], 1, null], p.id);
      // Unreadable values are ignored; image strings are kept, as text.
      assert.equal(await page.inputValue('#sc-k8s'), '1.37', `${p.id}: k8s ignored`);
      assert.equal(await page.inputValue('#sc-node'), 'absent', `${p.id}: node ignored`);
      // Written raw, & and , split the value (and % starts an escape): no literal check then.
      const literal = encode === encodeURIComponent ? !p.text.includes(',') : !/[&,%]/.test(p.text);
      if (literal) {
        assert.equal(await page.inputValue('#sc-allowlist'), p.text, `${p.id}: the allowlist entry as written`);
        assert.ok((await page.textContent('.overrides')).includes(p.text), `${p.id}: the override's image as written`);
      }
      assert.deepEqual(await page.$$eval('[data-effective-policy]', (els) => els.map((e) => e.dataset.effectivePolicy)), ['IfNotPresent']);
      assert.deepEqual(dialogs, [], p.id);
      assert.deepEqual(errors, [], p.id);
      await context.close();
    }
  }
});

test('the embed page (?embed#yaml=): each payload shows as text and never runs', { timeout: 120000 }, async () => {
  for (const p of PAYLOADS) {
    const { page, context, errors, dialogs } = await open(`#yaml=${b64url(p.manifest)}`, { search: 'index.html?embed' });
    await page.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, p.text);
    const baseline = await active(page);
    assert.equal(baseline.scripts.length, 2, `${p.id}: the page's own scripts only`);
    assert.deepEqual([baseline.elements, baseline.handlers, baseline.textareas], [[], [], 1], p.id);
    assert.equal(await page.inputValue('#manifest'), p.manifest);
    await assertInert(page, baseline, p, 'embed');
    // "Open in the playground" carries the manifest, byte for byte, to this site only.
    const href = new URL(await page.getAttribute('.embed-open a', 'href'));
    assert.equal(href.origin + href.pathname, `${site.server.url}index.html`);
    assert.equal(Buffer.from(new URLSearchParams(href.hash.slice(1)).get('yaml'), 'base64url').toString('utf8'), p.manifest);
    assert.deepEqual(dialogs, [], p.id);
    assert.deepEqual(errors, [], p.id);
    await context.close();
  }
});
