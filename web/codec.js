// Loads the playground's deferred module (web/src/bin/pullpolicy_deferred.rs) into the
// page: web/src/codec.rs adds this script after the first verdict (before it, for a #z=
// link), and gets the module's `inflate` and `deflate` functions, its library (the FAQ
// answers and the example manifests, as one string) and `markdown` in a
// `pullpolicy:codec` event; the event's detail is null if the module did not load.
//
// `markdown(yaml, params, playground)` is "Copy as Markdown": the npm API's `markdown()`
// (the view's Markdown report), imported from ./npm/ when first asked for; a Promise of
// the Markdown.
import init, { inflate, deflate, library } from './pullpolicy_deferred.js';

let npm;
const markdown = async (yaml, params, playground) => {
  npm ??= import('./npm/pullpolicy.js').then(async (m) => {
    await m.default();
    return m;
  });
  return (await npm).markdown(yaml, params, playground);
};

init()
  .then(() => ({ inflate, deflate, library: library(), markdown }))
  .catch((e) => {
    console.warn('pullpolicy: the deferred module did not load', e);
    return null;
  })
  .then((detail) => dispatchEvent(new CustomEvent('pullpolicy:codec', { detail })));
