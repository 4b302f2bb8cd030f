// Loads the playground's deferred module (web/src/bin/pullpolicy_deferred.rs) into the
// page: web/src/codec.rs adds this script after the first verdict (before it, for a #z=
// link), and gets the module's `inflate` and `deflate` functions and its library (the
// FAQ answers and the example manifests, as one string) in a `pullpolicy:codec` event;
// the event's detail is null if the module did not load.
import init, { inflate, deflate, library } from './pullpolicy_deferred.js';

init()
  .then(() => ({ inflate, deflate, library: library() }))
  .catch((e) => {
    console.warn('pullpolicy: the deferred module did not load', e);
    return null;
  })
  .then((detail) => dispatchEvent(new CustomEvent('pullpolicy:codec', { detail })));
