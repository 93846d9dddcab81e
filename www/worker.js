// The generation worker: the playground's own wasm module, started in a module worker, so that
// generating a migration for large inputs does not block the page. The page (worker-client.js)
// posts { id, request } (a JSON request) and gets { id, result } (JSON) or { id, error }.
import init, { generateForPage } from './schemashift-web.js';

const ready = init({ module_or_path: new URL('./schemashift-web_bg.wasm', import.meta.url) });

self.onmessage = async ({ data: { id, request } }) => {
  try {
    await ready;
    const start = performance.now();
    const result = generateForPage(request);
    self.postMessage({ id, result, ms: performance.now() - start });
  } catch (e) {
    self.postMessage({ id, error: String(e?.message ?? e) });
  }
};
