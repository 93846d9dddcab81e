// The generation worker: the playground's own wasm module, started in a module worker, so that
// generating a migration for large inputs does not block the page. The page (worker-client.js)
// posts { id, kind, request } and gets { id, result } (JSON) or { id, error }:
// - kind 'generate' (the first one loads the generator's chunk, web/src/engine.rs): a call (JSON, web/src/worker_api.rs `Call`: whole texts, or splices against
//   the texts of an earlier call, which the wasm module keeps) → what the page shows, as four
//   strings [json, texts, upNotes, downNotes] (web/src/run/shipped.rs `Shipped::wire`: the
//   scripts are not JSON);
// - kind 'package': the package files of the migration of a call (`PackageCall`), as
//   [json, texts] (`PackageAnswer::wire`; the texts as UTF-8 bytes, transferred);
// - kind 'diagram' / 'timeline': the visual diff / the timeline picture of the migration of a
//   call (`DiagramCall`);
// - kind 'lines' / 'text': lines of a long package file the worker keeps, as JSON, / the whole
//   file as a Blob (web/src/worker_lines.rs `LinesCall`);
// - kind 'zip': the whole package of a call (`PackageCall`) as a zip Blob (the Download).
// - kind 'warm': load the generator's chunk now (an editor of the page was focused).
// After answering a generation it calls `workerIdle` (work that need not delay the answer).
import init, { diagramForPage, generateForPage, linesForPage, packageForPage, textForPage, timelineForPage, warmEngine, workerIdle, zipForPage } from './schemashift-web.js';

const ready = init({ module_or_path: new URL('./schemashift-web_bg.wasm', import.meta.url) });

self.onmessage = async ({ data: { id, kind, request } }) => {
  try {
    await ready;
    const start = performance.now();
    const result = kind === 'package' ? await packageForPage(request)
      : kind === 'diagram' ? await diagramForPage(request)
      : kind === 'timeline' ? await timelineForPage(request)
      : kind === 'lines' ? linesForPage(request)
      : kind === 'text' ? textForPage(request)
      : kind === 'zip' ? await zipForPage(request)
      : kind === 'warm' ? await warmEngine()
      : await generateForPage(request);
    // Bytes (the package files' texts) are transferred, not copied.
    const transfer = Array.isArray(result) ? result.filter((p) => p instanceof Uint8Array).map((p) => p.buffer) : [];
    self.postMessage({ id, result, ms: performance.now() - start }, transfer);
    // After the answer: free what this call replaced, prepare the next (worker_api.rs `idle`).
    if (kind === 'generate') workerIdle();
  } catch (e) {
    self.postMessage({ id, error: String(e?.message ?? e) });
  }
};
