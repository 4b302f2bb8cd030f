// Boots the analysis worker (see web/src/worker.rs): the page posts the URL of its
// own JS glue and its compiled WebAssembly module; the module then serves analyses.
// The worker also holds the share-link compressor (web/src/bin/pullpolicy_deferred.rs),
// loaded first, so that the page's first load does without it: a Uint8Array message
// is answered with `{deflated}` (a Uint8Array, or null if the compressor did not load).
self.onmessage = async (event) => {
  self.onmessage = null;
  let deflate = null;
  try {
    const codec = await import('./pullpolicy_deferred.js');
    await codec.default();
    deflate = codec.deflate;
  } catch (e) {
    console.warn('pullpolicy: the share-link compressor did not load; links will be uncompressed', e);
  }
  const { default: init } = await import(event.data.glue);
  await init({ module_or_path: event.data.module });
  // The module has set its own handler (and said "ready"); no message is handled
  // before this continuation runs.
  const serve = self.onmessage;
  self.onmessage = (e) => {
    if (e.data instanceof Uint8Array) {
      self.postMessage({ deflated: deflate ? deflate(e.data) : null });
    } else {
      serve(e);
    }
  };
};
