// Starts the schemashift playground: loads the WebAssembly module (whose `main` mounts the
// playground into #schemashift-app when the page has one) and exposes the JavaScript API as
// `window.schemashift` ({ generate, mount, version }). An external file rather than an inline
// script, so the page's Content-Security-Policy can forbid inline scripts.
//
// It also offers the page three helpers the wasm app looks for:
// - `window.schemashiftDocs.rules()`: the risk rules' documentation (Markdown), fetched on the
//   first opening of the "Risk rules" view (the wasm does not carry it);
// - `window.schemashiftEngines.verify(request)`: the Verify action (verify/verify.js and its
//   database engine are imported only when first called);
// - `window.schemashiftWorker.generate(request)`: generation in a module worker (worker.js), so
//   large inputs do not freeze the page; absent where module workers cannot start.
import init, * as schemashift from './schemashift-web.js';
import { startWorker } from './worker-client.js';

// The risk rules' documentation (rules.md beside this file), fetched when first shown.
window.schemashiftDocs = {
  rules: async () => {
    const response = await fetch(new URL('./rules.md', import.meta.url));
    if (!response.ok) throw new Error(`rules.md: HTTP ${response.status}`);
    return response.text();
  },
};
window.schemashiftEngines = {
  verify: async (request) => (await import('./verify/verify.js')).verify(request),
};
window.schemashiftWorker = startWorker(new URL('./worker.js', import.meta.url));

await init({ module_or_path: new URL('./schemashift-web_bg.wasm', import.meta.url) });
// wasm-bindgen exports `package` as `_package` (a reserved word in a module's exports); the
// documented API is `schemashift.package(...)`.
window.schemashift = { ...schemashift, package: schemashift._package };
dispatchEvent(new CustomEvent('schemashift:ready'));
