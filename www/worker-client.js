// The page's side of the generation worker (worker.js): `startWorker(url)` returns
// { generate(callJson) → Promise<[resultJson, texts, upNotes, downNotes]>, package(callJson) → Promise<[filesJson, textBytes]>,
// diagram(callJson) → Promise<diagramJson>, timeline(callJson) → Promise<svgJson>, lines(callJson) → Promise<linesJson>,
// text(callJson) → Promise<Blob>, zip(callJson) → Promise<Blob>, warm() → Promise (loads the generator) }, or undefined where a module worker cannot
// run (no Worker, or a page opened from file://, where browsers refuse module workers); the
// playground then generates on the page itself. A worker that fails makes every pending and
// later call reject, which the playground also answers by generating on the page. Performance
// marks `schemashift:worker-post` / `schemashift:worker-answer` time each call (for tests; the
// answer's `detail.ms` is the generation time inside the worker).
export function startWorker(url) {
  if (typeof Worker === 'undefined' || location.protocol === 'file:') return undefined;
  let worker;
  try {
    worker = new Worker(url, { type: 'module', name: 'schemashift-generate' });
  } catch {
    return undefined;
  }
  let next = 0;
  let broken = null;
  const pending = new Map();
  const failAll = (message) => {
    broken = new Error(message);
    for (const { reject } of pending.values()) reject(broken);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (call.kind === 'generate') performance.mark('schemashift:worker-answer', { detail: { ms: data.ms } });
    if (data.error !== undefined) call.reject(new Error(data.error));
    else call.resolve(data.result);
  };
  worker.onerror = (e) => failAll(`the generation worker failed: ${e.message || 'could not start'}`);
  const post = (kind, request) => {
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject, kind });
      if (kind === 'generate') performance.mark('schemashift:worker-post');
      worker.postMessage({ id, kind, request });
    });
  };
  return {
    generate: (callJson) => post('generate', callJson),
    package: (callJson) => post('package', callJson),
    diagram: (callJson) => post('diagram', callJson),
    timeline: (callJson) => post('timeline', callJson),
    lines: (callJson) => post('lines', callJson),
    text: (callJson) => post('text', callJson),
    zip: (callJson) => post('zip', callJson),
    warm: () => post('warm', ''),
  };
}
