// Markup injection (issues 8 and 17) in the playground, its share links and scenario
// parameters, the embed page, the analysis worker (manifests of 24 KB and more), the
// deferred module (#z= links), "Copy as Markdown" and the <pull-policy-explainer> web
// component: every payload of tests/data/injection.json (in names, an image, a key, a
// comment and annotations; markup, javascript: URLs, CSS, U+001E, U+001F, U+2028, NUL,
// ANSI escapes) shows as text and never runs.
//
// Each check: window.__pwned stays unset, no dialog opens, no element that could run
// or load something appears (script, img, svg, iframe, …) and no on… attribute, the
// payload shows literally where the report quotes it, and every link in the verdicts
// goes to kubernetes.io or to an in-page anchor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, openPlayground, settled, useSite } from './harness.mjs';

const CORPUS = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../data/injection.json'), 'utf8'));
// One manifest per payload, as the corpus describes: @Q@ is the payload as a YAML
// double-quoted scalar (JSON string syntax, U+2028 and U+2029 escaped), @RAW@ the
// payload as written (a comment) when YAML can hold it there, else quoted.
const quote = (s) => JSON.stringify(s).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
const printable = (s) => [...s].every((c) => c === '\t' || (c >= ' ' && c <= '~') || (c >= '\u00a0' && c !== '\u2028' && c !== '\u2029'));
const PAYLOADS = CORPUS.payloads.map(({ id, text }) => ({
  id,
  text,
  comment: printable(text) ? text : quote(text),
  manifest: CORPUS.template
    .join('\n')
    .replaceAll('@Q@', () => quote(text))
    .replaceAll('@RAW@', () => (printable(text) ? text : quote(text))),
}));
// kubectl apply's refusal of a name client-go cannot put in a URL path (`Request.Name`,
// apimachinery's content.IsPathSegmentName), or null: a payload with `/` or `%` in the
// object's name is never sent, so the API server's strict decoding never speaks.
function nameRefusal(name) {
  const problems = name === '.' || name === '..'
    ? [`may not be '${name}'`]
    : ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
  return problems.length ? `invalid resource name ${goQuote(name)}: [${problems.join(' ')}]` : null;
}
// What kubectl apply or the API server answers for a payload's manifest, in its words.
function refusalOf(text) {
  return nameRefusal(text) ?? `unknown field ${goQuote(`spec.containers[0].${text}`)}`;
}
// Kubernetes quotes with Go's %q (strconv.Quote): printable characters as they are,
// \a \b \f \n \r \t \v, \xHH below space and for DEL, \uHHHH for other non-printables.
function goQuote(s) {
  let out = '"';
  for (const c of s) {
    const n = c.codePointAt(0);
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c)) out += c;
    else if ('\x07\b\f\n\r\t\v'.includes(c)) out += { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' }[c];
    else if (n < 0x20 || n === 0x7f) out += `\\x${n.toString(16).padStart(2, '0')}`;
    else if (n < 0x10000) out += `\\u${n.toString(16).padStart(4, '0')}`;
    else out += `\\U${n.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
// What the page shows of a payload: all of it (control characters cross the HTML
// encoder as character references), but NUL, which HTML cannot hold.
const shownAs = (s) => s.replaceAll('\0', '\ufffd');
// A manifest of 24 KB or more goes to the analysis worker: the payload's manifest and a
// comment-only document after it.
const big = (manifest) => `${manifest}---\n# ${'x'.repeat(25000)}\n`;
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
    textareas: document.querySelectorAll('textarea:not(#markdown-text)').length,
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
  assert.equal(shown.container, shownAs(p.text), `${where} ${p.id}: the container name as written`);
  assert.equal(shown.image, shownAs(p.text), `${where} ${p.id}: the image as written`);
  assert.ok(shown.verdicts.includes(`Pod ${shownAs(p.text)}`), `${where} ${p.id}: the object name`);
  assert.ok(
    shown.verdicts.includes(nameRefusal(p.text) ?? `strict decoding error: ${refusalOf(p.text)}`),
    `${where} ${p.id}: the refusal (the name, or the unknown key), quoted`,
  );
  // An object sent is also refused for its name (an RFC 1123 subdomain), quoted.
  if (!nameRefusal(p.text)) {
    assert.ok(
      shown.verdicts.includes(`metadata.name: Invalid value: ${goQuote(p.text)}: `),
      `${where} ${p.id}: the name the API server refuses, quoted`,
    );
  }
  // (A payload with capitals adds "…: repository name (…) must be lowercase".)
  assert.ok(
    shown.invalidImage.startsWith(`Failed to apply default image tag ${goQuote(p.text)}: couldn't parse image name ${goQuote(p.text)}: invalid reference format`),
    `${where} ${p.id}: the invalid-image finding: ${shown.invalidImage}`,
  );
  assert.ok(shown.links.length > 0, `${where} ${p.id}: the findings link to their documentation`);
  for (const href of shown.links) {
    assert.ok(href.startsWith('https://kubernetes.io/') || /^#[a-z0-9-]+$/.test(href), `${where} ${p.id}: link ${href}`);
  }
}

/** Pastes `text` into the editor, as a user does, and waits for its verdicts. */
async function paste(page, p, manifest = p.manifest) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), manifest);
  await page.click('#manifest');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settled(page);
  await page.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, shownAs(p.text));
}

/** Markdown with its code spans (literal text, CommonMark: a run of backticks up to the
 *  next run of the same length) and backslash-escaped characters taken out: what is left
 *  is what a Markdown reader interprets. */
function outsideCode(md) {
  let out = '';
  for (let i = 0; i < md.length; ) {
    if (md[i] === '\\' && /[!-\/:-@[-`{-~]/.test(md[i + 1] ?? '')) {
      out += '\u0001';
      i += 2;
      continue;
    }
    if (md[i] === '`') {
      const run = md.slice(i).match(/^`+/)[0].length;
      let j = i + run;
      let close = -1;
      while (j < md.length) {
        if (md[j] === '`') {
          const n = md.slice(j).match(/^`+/)[0].length;
          if (n === run) {
            close = j;
            break;
          }
          j += n;
        } else j += 1;
      }
      if (close >= 0) {
        out += '\u0002';
        i = close + run;
        continue;
      }
      out += '`'.repeat(run);
      i += run;
      continue;
    }
    out += md[i];
    i += 1;
  }
  return out;
}

/** "Copy as Markdown": outside the manifest's fenced block, nothing of the payload is
 *  markup, a link, or a control character. */
async function assertMarkdownInert(page, p, where) {
  await page.click('#markdown-button');
  await page.waitForSelector('#markdown-text');
  const md = await page.inputValue('#markdown-text');
  await page.keyboard.press('Escape');
  const at = md.indexOf('```yaml\n');
  assert.ok(at > 0, `${where} ${p.id}: the manifest's block in ${md}`);
  const report = outsideCode(md.slice(0, at));
  assert.doesNotMatch(md.slice(0, at), /[\x00-\x08\x0b-\x1f\x7f]/, `${where} ${p.id}: a control character in the Markdown`);
  // The only HTML is the report's own.
  for (const tag of report.match(/<\/?[a-z][^>]*>/gi) ?? []) {
    assert.ok(['<br>', '<details>', '</details>', '<summary>', '</summary>', '<sub>', '</sub>'].includes(tag), `${where} ${p.id}: raw ${tag} in the Markdown`);
  }
  // Every link goes to the Kubernetes docs or this site (escaped brackets are gone).
  for (const m of report.matchAll(/\]\(([^)]*)\)/g)) {
    assert.ok(m[1].startsWith('https://kubernetes.io/') || m[1].startsWith(site.server.url), `${where} ${p.id}: a link to ${m[1]}`);
  }
  // The manifest's fence cannot be closed from inside it.
  const fence = md.slice(at).match(/^`+/)[0];
  assert.ok(md.slice(at + fence.length).includes(`\n${fence}\n`), `${where} ${p.id}: the fence closes`);
  assert.ok(!p.manifest.includes(fence), `${where} ${p.id}: the fence is longer than any run in the manifest`);
}

test('the playground: each payload pasted into the editor shows as text and never runs', { timeout: 120000 }, async () => {
  const { page, context, errors, dialogs } = await open();
  const baseline = await active(page);
  for (const p of PAYLOADS) {
    await paste(page, p);
    assert.equal(await page.inputValue('#manifest'), p.manifest, `${p.id}: the editor holds the text`);
    // The highlighted editor shows the comment line as written.
    const firstLine = await page.$eval('.hl .ln', (l) => l.textContent);
    assert.equal(firstLine, `# ${shownAs(p.comment)}`, `${p.id}: the comment, highlighted`);
    await assertInert(page, baseline, p, 'pasted');
    await assertMarkdownInert(page, p, 'pasted');
    assert.deepEqual(await active(page), baseline, `${p.id}: the Markdown panel added nothing active`);
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('share links: #yaml= and the app\'s own #z= link of each payload', { timeout: 180000 }, async () => {
  for (const p of PAYLOADS) {
    const { page, context, errors, dialogs } = await open(`#yaml=${b64url(p.manifest)}`);
    await page.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, shownAs(p.text));
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
    await again.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, shownAs(p.text), { timeout: 20000 });
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
        assert.equal(await page.inputValue('#sc-allowlist'), shownAs(p.text), `${p.id}: the allowlist entry as written`);
        assert.ok((await page.textContent('.overrides')).includes(shownAs(p.text)), `${p.id}: the override's image as written`);
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
    await page.waitForFunction((t) => document.querySelector('#card-0-0 .card-head .name')?.textContent === t, shownAs(p.text));
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

test('the analysis worker: each payload in a manifest of 24 KB or more shows as text and never runs', { timeout: 180000 }, async () => {
  const { page, context, errors, dialogs } = await open();
  await page.waitForSelector('html[data-engine="worker"]', { state: 'attached' });
  const baseline = await active(page);
  for (const p of PAYLOADS) {
    const manifest = big(p.manifest);
    assert.ok(manifest.length >= 24000);
    await paste(page, p, manifest);
    // The verdicts are the worker's: the page runs only manifests under 24 KB itself.
    assert.equal(await page.getAttribute('html', 'data-engine'), 'worker');
    assert.equal(await page.inputValue('#manifest'), manifest, `${p.id}: the editor holds the text`);
    await assertInert(page, baseline, p, 'worker');
    // The markers came across too, with the findings' words.
    const marks = await page.$$eval('.marks .mark', (ms) => ms.map((m) => m.getAttribute('aria-label')).join('\n'));
    assert.ok(marks.includes('invalid reference format'), `${p.id}: the editor's markers: ${marks}`);
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the web component: each payload shows as text and never runs', { timeout: 120000 }, async () => {
  const { page, context, errors, dialogs } = await openPage(site.browser, `${site.server.url}embed/demo.html`);
  for (const p of PAYLOADS) {
    const got = await page.evaluate(async (manifest) => {
      await customElements.whenDefined('pull-policy-explainer');
      const el = document.createElement('pull-policy-explainer');
      const script = document.createElement('script');
      script.type = 'text/yaml';
      script.textContent = manifest;
      el.append(script);
      const rendered = new Promise((resolve) => el.addEventListener('pullpolicy-rendered', resolve, { once: true }));
      document.body.append(el);
      await rendered;
      await new Promise((r) => setTimeout(r, 100));
      const root = el.shadowRoot;
      const out = {
        pwned: window.__pwned,
        names: [...root.querySelectorAll('.pp-name')].map((n) => n.textContent),
        images: [...root.querySelectorAll('.pp-image')].map((n) => n.textContent),
        elements: [...root.querySelectorAll('img, svg, script, iframe, object, embed, style, form, link, math, base')].length,
        handlers: [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
        links: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        rejections: [...root.querySelectorAll('.pp-rejection')].map((r) => r.textContent),
        text: root.textContent,
      };
      el.remove();
      return out;
    }, p.manifest);
    assert.equal(got.pwned, undefined, p.id);
    assert.deepEqual([got.elements, got.handlers], [0, []], p.id);
    assert.deepEqual(got.names, [p.text, 'image-payload'], p.id);
    assert.deepEqual(got.images, ['nginx:1.27', p.text], p.id);
    // kubectl apply rejects the name or the unknown key: an error notice, in Kubernetes' words.
    assert.ok(got.rejections.some((r) => r.includes(refusalOf(p.text))), `${p.id}: ${got.rejections}`);
    for (const href of got.links) {
      assert.ok(href.startsWith('https://kubernetes.io/') || href.startsWith(site.server.url), `${p.id}: link ${href}`);
    }
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
