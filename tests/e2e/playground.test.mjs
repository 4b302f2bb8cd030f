// The playground end to end, on the release build in the system's Chromium:
// load, paste, every example, the scenario, share links (both fragment forms),
// Markdown, persistence, the keyboard alone, axe-core, privacy, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import { artifact, deferredLoad, openPlayground, settled, useSite } from './harness.mjs';

const AXE = path.resolve(import.meta.dirname, 'node_modules/axe-core/axe.min.js');

const site = useSite();

/** A fresh context (empty storage) with clipboard access, recording what it asks for. */
const open = (hash = '', options = {}) => openPlayground(site, hash, { ...options, clipboard: true });

const cards = (page) =>
  page.$$eval('[data-container-path]', (els) => els.map((e) => `${e.dataset.containerPath}=${e.dataset.effectivePolicy}`));


async function pickExample(page, id) {
  await page.click('#examples-button');
  await page.click(`[data-example="${id}"]`);
  await settled(page);
}

const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
const inflateZ = (link) =>
  zlib.inflateRawSync(Buffer.from(new URL(link).hash.slice(1).split('&')[0].replace(/^z=/, ''), 'base64url'));

test('loads under a sub-path: cards, FAQ, footer, no errors', async () => {
  const { page, context, errors } = await open();
  assert.deepEqual(await cards(page), [
    '0:spec.containers[0]=Always',
    '0:spec.containers[1]=IfNotPresent',
    '0:spec.containers[2]=Never',
  ]);
  assert.ok((await page.$$('[data-rule]')).length > 0, 'findings carry data-rule');
  assert.match(await page.textContent('footer'), /Runs entirely in your browser; nothing you paste leaves this page\./);
  assert.ok((await page.$$('.faq-entry')).length >= 12, 'at least 12 FAQ entries');
  assert.match(await page.textContent('#faq'), /Does Always re-download the image\?/);
  // The answers come with the deferred module, which the page loads after its first verdict.
  assert.deepEqual(await deferredLoad(page), { library: 'loaded', afterFirstVerdict: true });
  await page.click('#faq-always-redownload .disclose');
  assert.match(await page.textContent('#faq-always-redownload-c'), /^No\. With Always the kubelet asks the runtime to pull every time it starts the container/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasting a manifest explains it', async () => {
  const { page, context, errors } = await open();
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pasted\nspec:\n  containers:\n  - name: a\n    image: registry.example:5000/team/app@sha256:' + 'a'.repeat(64) + '\n';
  await page.evaluate((t) => navigator.clipboard.writeText(t), manifest);
  await page.click('#manifest');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settled(page);
  assert.equal(await page.inputValue('#manifest'), manifest);
  assert.deepEqual(await cards(page), ['0:spec.containers[0]=IfNotPresent']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the polite live region says the verdicts once they settle', async () => {
  const { page, context, errors } = await open();
  const region = () => page.textContent('#announcer');
  assert.equal(await page.getAttribute('#announcer', 'aria-live'), 'polite');
  await page.waitForFunction(() => document.querySelector('#announcer').textContent !== '');
  assert.match(await region(), /^Verdicts: 3 entries: 1 Always, 1 IfNotPresent, 1 Never/);
  // A change is said once it has stood for a while (900 ms), not at every keystroke.
  await page.click('#manifest');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('image: nginx\n');
  await settled(page);
  assert.match(await region(), /^Verdicts: 3 entries/, 'not said before it settles');
  await page.waitForFunction(() => document.querySelector('#announcer').textContent.startsWith('Verdicts: 1 entry'));
  await page.keyboard.type('x: [');
  await page.waitForFunction(() => document.querySelector('#announcer').textContent.startsWith('Syntax error on line'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('every example renders its verdicts', async () => {
  const { page, context, errors } = await open();
  const expected = {
    'tour': ['Always', 'IfNotPresent', 'Never'],
    'seed-if-not-present': ['IfNotPresent'],
    'seed-always': ['Always'],
    'seed-never': ['Never'],
    'latest-no-policy': ['Always'],
    'no-tag': ['Always'],
    'digest-pinned': ['IfNotPresent'],
    'tag-and-digest': ['Always', 'IfNotPresent'],
    'private-registry-port': ['Always', 'IfNotPresent'],
    'typo-key': ['invalid'],
    'lowercase-always': ['invalid'],
    'never-empty-node': ['Never'],
    'registry-down': ['Always'],
    'deployment-init-sidecar': ['IfNotPresent', 'IfNotPresent', 'IfNotPresent'],
    'cronjob': ['Always'],
    'multi-document': ['IfNotPresent', 'Always'],
    'image-volume': ['Always', 'IfNotPresent'],
  };
  // (The examples of pasted evidence, `diagnose-…`, are tested in diagnose.test.mjs.)
  const ids = (await page.$$eval('[data-example]', (els) => els.map((e) => e.dataset.example))).filter((id) => !id.startsWith('diagnose-'));
  assert.ok(ids.length >= 12, `${ids.length} examples`);
  assert.deepEqual(ids.sort(), Object.keys(expected).sort());
  for (const id of ids) {
    await pickExample(page, id);
    const got = (await cards(page)).map((c) => c.split('=')[1]);
    assert.deepEqual(got, expected[id], id);
  }
  // Specific verdicts worth pinning.
  await pickExample(page, 'typo-key');
  assert.ok(await page.$('[data-rule="unknown-field"]'));
  await pickExample(page, 'lowercase-always');
  assert.ok(await page.$('[data-rule="invalid-pull-policy"]'));
  await pickExample(page, 'registry-down');
  assert.match(await page.textContent('.outcome'), /ImagePullBackOff/);
  assert.equal(await page.inputValue('#sc-registry'), 'unreachable');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the scenario changes the node outcome at once', async () => {
  const { page, context } = await open();
  await pickExample(page, 'seed-never');
  assert.match(await page.textContent('.outcome'), /ErrImageNeverPull/);
  await page.selectOption('#sc-node', 'present');
  await page.waitForFunction(() => /Starts/.test(document.querySelector('.outcome .state').textContent));
  await page.selectOption('#sc-node', 'absent');
  await pickExample(page, 'seed-always');
  await page.selectOption('#sc-registry', 'unreachable');
  await page.waitForFunction(() => /ErrImagePull|ImagePullBackOff/.test(document.querySelector('.outcome').textContent));
  assert.ok(await page.$('.events tr.warning'), 'a Warning event like kubectl describe');
  assert.ok(await page.$('.timeline li'), 'the back-off timeline');
  // AlwaysPullImages turns every policy into Always.
  await pickExample(page, 'tour');
  await page.check('#sc-api');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-effective-policy]')].every((e) => e.dataset.effectivePolicy === 'Always'));
  // A per-image override from a card.
  await page.uncheck('#sc-api');
  await page.click('#card-0-2 .override .disclose');
  await page.selectOption('#card-0-2-ov-node', 'present');
  await page.waitForFunction(() => /Starts/.test(document.querySelector('#card-0-2 .outcome .state').textContent));
  assert.match(await page.textContent('.overrides'), /busybox:1\.36/);
  await context.close();
});

test('a link to one question (#faq-<id>) opens it, at load and from the address bar', async () => {
  const { page, context, errors } = await open('#faq-registry-down');
  await page.waitForFunction(() => document.activeElement?.closest('#faq-registry-down'));
  assert.equal(await page.getAttribute('#faq-registry-down .disclose', 'aria-expanded'), 'true');
  await page.waitForFunction(() => /^Containers that are already running keep running/.test(document.querySelector('#faq-registry-down-c p')?.textContent));
  // The answers are put in place: the question keeps the focus.
  assert.ok(await page.evaluate(() => Boolean(document.activeElement?.closest('#faq-registry-down'))), 'the question keeps the focus');
  // The manifest is the first visit's: the fragment is not a share link.
  assert.match(await page.inputValue('#manifest'), /name: tour/);
  await page.evaluate(() => { location.hash = '#faq-latest-case'; });
  await page.waitForFunction(() => document.activeElement?.closest('#faq-latest-case'));
  assert.equal(await page.getAttribute('#faq-latest-case .disclose', 'aria-expanded'), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});

test('share links round-trip byte for byte, in both fragment forms', async () => {
  const manifest = '# ünïcödé 🐳 and CRLF\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: crlf}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: nginx:1.27\r\n';
  // 1. The hand-writable form, with a scenario setting.
  const { page, context, errors } = await open(`#yaml=${b64url(manifest)}&node=present`);
  assert.deepEqual(await cards(page), ['0:spec.containers[0]=IfNotPresent']);
  // Only a #z= link needs the deferred module before the first verdict (web/src/codec.rs).
  assert.deepEqual(await deferredLoad(page), { library: 'loaded', afterFirstVerdict: true });
  assert.equal(await page.inputValue('#manifest'), manifest.replace(/\r\n/g, '\n'));
  assert.equal(await page.inputValue('#sc-node'), 'present');
  // 2. "Copy link" writes the compressed form; its payload is the exact bytes (CRLF kept).
  await page.click('#share-button');
  const link = await page.inputValue('#share-link');
  assert.match(link, /#z=[A-Za-z0-9_-]+&node=present$/);
  assert.equal(inflateZ(link).toString('utf8'), manifest);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.equal(page.url(), link, 'the address bar holds the link');
  // 3. Opening the compressed link gives the same manifest, and the same link again.
  const again = await context.newPage();
  const againRequests = [];
  again.on('request', (r) => againRequests.push(r.url()));
  await again.goto(link);
  await again.waitForSelector('[data-effective-policy]');
  assert.deepEqual(await cards(again), ['0:spec.containers[0]=IfNotPresent']);
  assert.equal(await again.inputValue('#manifest'), manifest.replace(/\r\n/g, '\n'));
  assert.ok(againRequests.some((u) => u.endsWith('/codec.js')), 'a #z= link loads the codec first');
  await again.click('#share-button');
  assert.equal(await again.inputValue('#share-link'), link);
  // 4. Editing after opening a link keeps CRLF line breaks.
  await again.click('#manifest');
  await again.keyboard.press('Control+End');
  await again.keyboard.type('# end\n');
  await again.click('#share-button');
  assert.equal(inflateZ(await again.inputValue('#share-link')).toString('utf8'), manifest + '# end\r\n');
  // 5. Long links warn.
  const big = Array.from({ length: 600 }, (_, i) => `  - name: c${i}\n    image: r${(i * 7919) % 9973}.example/${Math.random().toString(36).slice(2)}:${i}\n`).join('');
  await page.evaluate((t) => navigator.clipboard.writeText(t), `apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n${big}`);
  await page.click('#manifest');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settled(page);
  await page.click('#share-button');
  assert.ok((await page.inputValue('#share-link')).length > 8000);
  assert.match(await page.textContent('#share-length'), /Longer than 8,000/);
  // 6. A damaged link says so and keeps the page usable.
  const broken = await context.newPage();
  await broken.goto(site.server.url + '#z=AAAA');
  await broken.waitForSelector('.notice.error');
  assert.match(await broken.textContent('.notice-area'), /could not be opened: the compressed manifest in the link is damaged/);
  // A #z= link pasted into the address bar of an open page is read too.
  await broken.evaluate((h) => { location.hash = h; }, new URL(link).hash);
  await broken.waitForFunction(() => document.querySelector('#sc-node').value === 'present');
  assert.equal(await broken.inputValue('#manifest'), manifest.replace(/\r\n/g, '\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('copy as Markdown: verdict table, findings, manifest and link', async () => {
  const { page, context } = await open();
  await page.click('#markdown-button');
  await page.waitForSelector('#markdown-text');
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(md, await page.inputValue('#markdown-text'));
  // The view's Markdown report (the CLI's --format markdown), the manifest and a link.
  assert.match(md, /^### pullpolicy: \d+ errors?, \d+ warnings?, \d+ info\n/);
  assert.match(md, /\| Location \| Object \| Container \| Image \| Written \| Effective \| Outcome \|/);
  assert.match(md, /\| `\d+` \| Pod\/tour \| web \| `nginx` \| \(unset\) \| Always \(default\) \| pulls; starts \|/);
  assert.match(md, /- \*\*warning\*\* `\d+:\d+` \[`latest-tag`\]\(https:\/\/kubernetes\.io\//);
  assert.match(md, /FAQ: \[Why did my image default to Always\?\]\(http:\/\/127\.0\.0\.1:\d+\/tools\/pullpolicy\/#faq-why-default-always\)/);
  assert.match(md, /```yaml\n# Paste a manifest here/);
  const link = md.match(/\[Open in the pullpolicy playground\]\((http:\/\/127\.0\.0\.1:\d+\/tools\/pullpolicy\/#yaml=[^)]+)\)/);
  assert.ok(link, md);
  assert.equal(Buffer.from(new URLSearchParams(new URL(link[1]).hash.slice(1)).get('yaml'), 'base64url').toString('utf8'), await page.inputValue('#manifest'));
  await context.close();
});

test('an edit not yet saved (the save waits for the debounced analysis) is saved when the page is hidden', async () => {
  const { page, context } = await open();
  // All in one task, so the debounce cannot have run: edit, hide, read storage.
  const saved = await page.evaluate(() => {
    const area = document.getElementById('manifest');
    area.value += '# typed just before the tab was hidden\n';
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const before = localStorage.getItem('pullpolicy.playground') ?? '';
    document.dispatchEvent(new Event('visibilitychange'));
    return { before, after: localStorage.getItem('pullpolicy.playground') ?? '' };
  });
  assert.doesNotMatch(saved.before, /typed just before/);
  assert.match(saved.after, /# typed just before the tab was hidden\n$/);
  // The textarea is alone in its form (Chromium's autofill then reads only that form
  // on each keystroke, not every select of the cards).
  assert.equal(await page.$eval('#manifest', (a) => a.form?.elements.length), 1);
  await context.close();
});

test('the manifest and scenario persist; a share link wins over them', async () => {
  const { page, context } = await open();
  await pickExample(page, 'cronjob');
  await page.selectOption('#sc-k8s', '1.31');
  await page.click('#manifest');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# kept\n');
  await settled(page);
  await page.reload();
  await page.waitForSelector('[data-effective-policy]');
  assert.match(await page.inputValue('#manifest'), /# kept\n$/);
  assert.equal(await page.inputValue('#sc-k8s'), '1.31');
  // A link wins over the saved manifest…
  await page.goto(site.server.url + '#yaml=' + b64url('- name: x\n  image: busybox\n'));
  await page.reload();
  await page.waitForSelector('[data-effective-policy]');
  assert.equal(await page.inputValue('#manifest'), '- name: x\n  image: busybox\n');
  // …a link pasted into the address bar of the open page is loaded too…
  await page.goto(site.server.url + '#yaml=' + b64url('- name: y\n  image: redis:7\n'));
  await page.waitForFunction(() => document.getElementById('manifest').value.includes('redis:7'));
  assert.deepEqual(await cards(page), ['0:[0]=IfNotPresent']);
  // …and opening links never overwrites the user's own saved work.
  await page.goto('about:blank');
  await page.goto(site.server.url);
  await page.waitForSelector('[data-effective-policy]');
  assert.match(await page.inputValue('#manifest'), /# kept\n$/);
  await context.close();
});

test('syntax errors show their line and keep the last verdicts greyed', async () => {
  const { page, context } = await open();
  await page.click('#manifest');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('  - [unclosed\n');
  await settled(page);
  await page.waitForSelector('.message.syntax');
  assert.match(await page.textContent('.message.syntax'), /Syntax error on line \d+/);
  assert.ok(await page.$('.documents.stale [data-effective-policy]'), 'stale cards stay, greyed');
  assert.ok(await page.$('.gutter .mark.sev-error'), 'a gutter marker at the error');
  await context.close();
});

test('findings and the editor point at each other', async () => {
  const { page, context } = await open();
  // "line N" in a finding selects its range in the editor.
  const finding = await page.$('#card-0-0 [data-rule="latest-tag"]');
  await (await finding.$('[data-act="jump"]')).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'manifest');
  const selected = await page.evaluate(() => {
    const a = document.getElementById('manifest');
    return a.value.slice(a.selectionStart, a.selectionEnd);
  });
  assert.equal(selected, 'nginx');
  assert.match(await page.textContent('#editor-status'), /Ln 11, Col \d+/);
  // A gutter marker shows its message on hover and moves to the finding on click.
  const mark = await page.$('.gutter .mark.sev-warning');
  await mark.hover();
  assert.ok(await mark.$eval('.tip', (t) => getComputedStyle(t).display !== 'none'));
  assert.match(await mark.getAttribute('aria-label'), /^Line 11: warning: /);
  await mark.click();
  assert.match(await page.evaluate(() => document.activeElement.id), /^f-0-0-\d+$/);
  // A related question opens its FAQ entry.
  await page.click('#card-0-0 .faq-links a');
  await page.waitForFunction(() => document.activeElement?.closest('.faq-entry') && document.activeElement.getAttribute('aria-expanded') === 'true');
  assert.equal(await page.evaluate(() => document.getElementById(document.activeElement.getAttribute('aria-controls')).hidden), false);
  await context.close();
});

test('keyboard only: skip link, menus, editor (no trap), shortcuts', async () => {
  const { page, context } = await open();
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to verdicts');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'verdicts');
  // Back to the header: the examples menu opens, focus goes in, Esc closes and returns.
  await page.focus('#examples-button');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'example-0');
  assert.equal(await page.getAttribute('#examples-button', 'aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'examples-button');
  assert.equal(await page.getAttribute('#examples-button', 'aria-expanded'), 'false');
  // Pick an example with the keyboard.
  await page.keyboard.press('Enter');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'example-3');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'manifest');
  await settled(page);
  assert.deepEqual(await cards(page), ['0:spec.containers[0]=Never']);
  // In the editor Tab indents; Esc then Tab leaves.
  const before = await page.inputValue('#manifest');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue('#manifest'), '  ' + before);
  assert.equal(await focused(), 'manifest');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#manifest'), before, 'undo works after an indent');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await focused(), 'manifest', 'Esc then Tab leaves the editor');
  // Every focused control shows a focus ring.
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' || s.boxShadow !== 'none';
  });
  assert.ok(ring, 'visible focus');
  // The scenario is operable with the keyboard, and focus survives the re-render.
  await page.focus('#sc-node');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => /Starts/.test(document.querySelector('.outcome .state').textContent));
  assert.equal(await focused(), 'sc-node');
  // Ctrl+S copies a link, Ctrl+Enter re-explains.
  await page.keyboard.press('Control+s');
  await page.waitForSelector('#share-link');
  assert.match(page.url(), /#z=.*&node=present$/);
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'share-button');
  await page.focus('#manifest');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  assert.match(await page.textContent('.status-text'), /Explained in/);
  await context.close();
});

/** axe-core over the whole page, with every disclosure opened. */
async function axeViolations(page) {
  await page.$$eval('.disclose[aria-expanded="false"]', (bs) => bs.forEach((b) => b.click()));
  assert.equal(await page.$('.disclose[aria-expanded="false"]'), null);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} (${v.nodes[0].failureSummary})`);
  });
}

test('axe-core finds no violations, light and dark, menus and outcomes included', async () => {
  for (const colorScheme of ['light', 'dark']) {
    // The site's Content-Security-Policy forbids injected scripts such as axe.
    const { page, context } = await open('', { colorScheme, bypassCSP: true });
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: first view`);
    // Events table, back-off timeline, a rejected policy, a syntax error, open menus.
    await pickExample(page, 'registry-down');
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: registry down`);
    await pickExample(page, 'lowercase-always');
    await page.click('#manifest');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('  - [unclosed\n');
    await settled(page);
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: syntax error`);
    await page.click('#examples-button');
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: examples menu`);
    await page.keyboard.press('Escape');
    await page.click('#share-button');
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: share panel`);
    await page.click('#theme-button');
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: theme toggled`);
    await context.close();
  }
});

test('privacy: same-origin at load, nothing at all afterwards', async () => {
  const served = site.server.requests.length;
  const { page, context, requests } = await open();
  // A plain visit: the page loads its deferred module only after its first verdict.
  assert.deepEqual(await deferredLoad(page), { library: 'loaded', afterFirstVerdict: true });
  // The analysis worker starts with the page (it loads worker.js and the JS glue).
  await page.waitForSelector('html[data-engine="worker"]', { state: 'attached' });
  // The service worker's precache (its install) is part of the load.
  await page.evaluate(() => navigator.serviceWorker.ready);
  for (const url of requests) {
    assert.ok(url.startsWith(site.server.origin + '/tools/pullpolicy/'), `request left the site: ${url}`);
  }
  // What the server saw (the worker's fetches included) is the site's own files only.
  for (const url of site.server.requests.slice(served)) {
    assert.ok(url.startsWith('/tools/pullpolicy/'), `an unexpected request: ${url}`);
  }
  const loaded = site.server.requests.length;
  requests.length = 0;
  await page.click('#manifest');
  await page.keyboard.type('# typing\n');
  await settled(page);
  // Every example but the diagnosis's: those fetch the diagnosis module (a file of the
  // site's own) and are listed only once the deferred module has arrived, which would make
  // this test's "nothing afterwards" depend on when that was.
  const examples = (await page.$$eval('[data-example]', (els) => els.map((e) => e.dataset.example))).filter(
    (id) => !id.startsWith('diagnose-'),
  );
  for (const id of examples) await pickExample(page, id);
  // A large manifest, explained in the worker.
  await page.$eval('#manifest', (a) => {
    a.value = Array.from({ length: 400 }, (_, i) => `---\nkind: Pod\nspec:\n  containers:\n  - {name: c, image: 'r.example/app:${i}'}\n`).join('');
    a.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelectorAll('[data-effective-policy]').length >= 60);
  await pickExample(page, 'tour');
  // Every scenario control, and a per-image override.
  for (const [id, value] of [['#sc-k8s', '1.31'], ['#sc-node', 'stale'], ['#sc-registry', 'not-found'], ['#sc-credentials', 'missing']]) {
    await page.selectOption(id, value);
    await settled(page);
  }
  await page.check('#sc-api');
  if ((await page.getAttribute('#sc-advanced .disclose', 'aria-expanded')) === 'false') await page.click('#sc-advanced .disclose');
  for (const id of ['#sc-ensure', '#sc-verify']) {
    const values = await page.$$eval(`${id} option`, (os) => os.map((o) => o.value));
    await page.selectOption(id, values.at(-1));
    await settled(page);
  }
  await page.fill('#sc-allowlist', 'registry.k8s.io/pause, example.com/base/*');
  await page.keyboard.press('Tab');
  await page.click('#card-0-2 .override .disclose');
  await page.selectOption('#card-0-2-ov-node', 'present');
  await settled(page);
  // Sharing, Markdown, the theme, the FAQ.
  await page.click('#theme-button');
  await page.click('#share-button');
  assert.match(await page.inputValue('#share-link'), /#z=/);
  await page.keyboard.press('Escape');
  await page.click('#markdown-button');
  await page.keyboard.press('Escape');
  await page.$$eval('.faq-entry .disclose[aria-expanded="false"]', (bs) => bs.forEach((b) => b.click()));
  assert.equal(await page.$('.faq-entry .disclose[aria-expanded="false"]'), null, 'every FAQ entry opened');
  await page.waitForTimeout(300);
  // "Copy as Markdown" imports the site's own npm module (the view's Markdown report), and
  // the examples of pasted evidence the diagnosis module (in the analysis worker), which
  // the service worker precached: nothing else, and nothing reaches the server.
  assert.deepEqual(requests.filter((u) => !/\/tools\/pullpolicy\/(npm\/pullpolicy|pullpolicy_diagnosis)(_bg\.wasm|\.js)$/.test(u)), []);
  for (const url of requests) assert.ok(url.startsWith(site.server.origin + '/tools/pullpolicy/'), url);
  assert.deepEqual(site.server.requests.slice(loaded), [], 'nothing reached the server after load');
  await context.close();
});

test('large manifests are analysed in the worker without blocking typing', async () => {
  const { page, context, errors } = await open();
  await page.waitForSelector('html[data-engine="worker"]', { state: 'attached' });
  const doc = (i) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n  - name: c\n    image: nginx${i % 2 ? '' : ':1.' + i}\n`;
  const text = Array.from({ length: 1200 }, (_, i) => doc(i)).join('');
  assert.ok(text.length > 100_000);
  await page.$eval('#manifest', (a, t) => {
    a.value = t;
    a.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await settled(page);
  assert.match(await page.textContent('.summary'), /1200 entries/);
  assert.equal((await cards(page)).length, 60, 'the first 60 cards are drawn');
  // Typing goes on while the worker analyses (how long a keystroke takes is measured
  // in tests/e2e/bench.mjs, not asserted here): every keystroke lands in the text.
  const typed = await page.evaluate(async () => {
    const a = document.getElementById('manifest');
    a.focus();
    a.setSelectionRange(0, 0);
    for (let i = 0; i < 10; i++) {
      document.execCommand('insertText', false, '#');
      await new Promise((r) => setTimeout(r, 120));
    }
    return a.value.slice(0, 12);
  });
  assert.equal(typed, '##########--');
  assert.equal(await page.getAttribute('html', 'data-engine'), 'worker');
  await page.click('#show-all');
  await page.waitForFunction(() => document.querySelectorAll('[data-effective-policy]').length === 1200);
  // A filter re-renders from the worker's last report.
  await page.click('#filter-Always');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-effective-policy]')].every((e) => e.dataset.effectivePolicy === 'Always'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a manifest past the size limit is kept but not analysed', async () => {
  const { page, context } = await open();
  await page.$eval('#manifest', (a) => {
    a.value = '#'.repeat(2_100_000);
    a.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForSelector('text=This manifest is too large for the playground.');
  assert.equal((await page.inputValue('#manifest')).length, 2_100_000);
  await context.close();
});

test('screenshots at 1280×800 and 360×740', async () => {
  for (const [width, height] of [[1280, 800], [360, 740]]) {
    const { page, context } = await open('', { width, height });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (${overflow}px too wide)`);
    await page.waitForTimeout(100);
    await page.screenshot({ path: artifact(`playground-${width}x${height}.png`) });
    await context.close();
  }
});
