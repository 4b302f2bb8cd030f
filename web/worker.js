// Boots the analysis worker (see web/src/worker.rs): the page posts the URL of its
// own JS glue and its compiled WebAssembly module; the module then sets its own message
// handler, says "ready" and serves analyses (the page sends none before "ready").
//
// Pasted evidence of a pull failure (issue #18) comes as `D` and a job record: it is
// diagnosed by the diagnosis module (web/src/bin/pullpolicy_diagnosis.rs), imported here
// when the first one arrives, which answers with a result record as the analyses do. A
// text it finds no evidence in ("" back) is explained after all, by the module's own
// handler. If the diagnosis module cannot load, the page is told as of a crash.
let diagnosis;
const field = (s) => `${new TextEncoder().encode(s).length}:${s}`;
self.onmessage = async (event) => {
  self.onmessage = null;
  const { default: init } = await import(event.data.glue);
  await init({ module_or_path: event.data.module });
};
self.addEventListener('message', async (event) => {
  // (The module's own handler cannot read such a record: a record begins with a digit.)
  if (typeof event.data !== 'string' || event.data[0] !== 'D') return;
  const job = event.data.slice(1);
  let module;
  try {
    diagnosis ??= import('./pullpolicy_diagnosis.js').then(async (m) => {
      await m.default();
      return m;
    });
    module = await diagnosis;
  } catch (e) {
    diagnosis = undefined;
    self.postMessage(
      field('crashed') +
        field(`the diagnosis could not be loaded: its module (pullpolicy_diagnosis) did not load in the analysis worker (${e}). Reload the page to try again; manifests are still explained.`),
    );
    return;
  }
  let answer;
  try {
    answer = module.diagnose(job);
  } catch (e) {
    // A trap leaves the module unusable: the next diagnosis loads it again.
    diagnosis = undefined;
    self.postMessage(field('crashed') + field(`the diagnosis failed: ${e}`));
    return;
  }
  if (answer) self.postMessage(answer);
  else self.onmessage(new MessageEvent('message', { data: job }));
});
