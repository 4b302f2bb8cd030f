// Boots the analysis worker (see web/src/worker.rs): the page posts the URL of its
// own JS glue and its compiled WebAssembly module; the module then sets its own message
// handler, says "ready" and serves analyses (the page sends none before "ready").
self.onmessage = async (event) => {
  self.onmessage = null;
  const { default: init } = await import(event.data.glue);
  await init({ module_or_path: event.data.module });
};
