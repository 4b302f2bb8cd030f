// Every rejection is an error (issue 17): for every fixture with a document the API
// server (apiError) or kubectl apply's strict field validation (strictError) rejects,
// and for a Pod with ephemeral containers at creation (a rejection no finding carries),
// the playground shows an error notice in Kubernetes' words, counts at least one error
// in its summary, marks an error in the editor and says the errors in its live region.
// (The CLI's formats: crates/pullpolicy_cli/tests/cli.rs,
// `every_rejection_is_an_error_in_every_format`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPlayground, useSite } from './harness.mjs';

const site = useSite();
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const EPHEMERAL = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: "nginx:1"}\n  ephemeralContainers:\n  - {name: debug, image: "busybox:1"}\n';
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');

test('every rejection is an error notice, in the summary, the markers and the live region', { timeout: 240000 }, async () => {
  const inputs = fs
    .readdirSync(FIXTURES)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(FIXTURES, f), 'utf8')]);
  inputs.push(['ephemeral-at-creation', EPHEMERAL]);
  // Which documents are rejected: the npm API's report (the core's).
  const first = await openPlayground(site, '');
  const rejected = await first.page.evaluate(async (inputs) => {
    const m = await import(new URL('npm/pullpolicy.js', location.href).href);
    await m.default();
    return inputs
      .map(([name, text]) => [name, text, m.explain(text).documents.flatMap((d) => [d.apiError, d.strictError]).filter(Boolean)])
      .filter(([, , r]) => r.length > 0);
  }, inputs);
  await first.context.close();
  assert.ok(rejected.length >= 5, `${rejected.length} inputs with rejections`);
  assert.ok(rejected.some(([name]) => name === 'ephemeral-at-creation'));
  for (const [name, text, rejections] of rejected) {
    const { page, context, errors } = await openPlayground(site, `#yaml=${b64url(text)}`);
    const shown = await page.evaluate(() => ({
      notices: [...document.querySelectorAll('#verdicts .message.error.api pre')].map((p) => p.textContent),
      errors: document.querySelector('.sev-count.sev-error')?.textContent,
      marks: document.querySelectorAll('.marks .mark.sev-error, .ln .u-error').length,
    }));
    for (const r of rejections) assert.ok(shown.notices.includes(r), `${name}: the notice of ${r}`);
    assert.match(shown.errors, /^[1-9]\d* errors?$/, `${name}: ${shown.errors}`);
    assert.ok(shown.marks > 0, `${name}: an error in the editor`);
    await page.waitForFunction(() => document.querySelector('#announcer').textContent !== '', null, { timeout: 10000 });
    assert.match(await page.textContent('#announcer'), /; [1-9]\d* errors?\b/, name);
    assert.deepEqual(errors, [], name);
    await context.close();
  }
});
