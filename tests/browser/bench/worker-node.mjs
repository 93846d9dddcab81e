// The generation worker's path in Node, without a browser (issue 13): the built wasm module's
// `generateForPage` and `workerIdle`, called as `www/worker.js` calls them, on the pair
// `timing.mjs` pastes. Prints the paste (a whole-text call), each keystroke's generation (a
// one-character splice of After, as the page sends) and the idle work after it. Asserts nothing.
//
//   node tests/browser/bench/worker-node.mjs               1,000 tables, 21 keystrokes
//   BENCH_TABLES=10000 BENCH_KEYS=5 node ...               other sizes
//   BENCH_PLACE=middle node ...                            type in the middle table, not the first
//   BENCH_DIST=/some/dist node ...                         another build (default: dist/)
//   BENCH_WASM=target/wasm-split/release/bindgen/schemashift-web_bg.wasm node ...
//                                                          the module before wasm-opt (keeps
//                                                          function names, for a profile)
//   BENCH_PROFILE=keys.cpuprofile node ...                 a V8 CPU profile of the keystrokes
//                                                          (open in Chromium's DevTools)
import fs from 'node:fs';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dump } from './dump.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = path.resolve(process.env.BENCH_DIST || path.join(root, 'dist'));
const wasm = path.resolve(process.env.BENCH_WASM || path.join(dist, 'schemashift-web_bg.wasm'));
const tables = Number(process.env.BENCH_TABLES || 1000);
const keys = Number(process.env.BENCH_KEYS || 21);

const { default: init, generateForPage, workerIdle } = await import(pathToFileURL(path.join(dist, 'schemashift-web.js')).href);
await init({ module_or_path: fs.readFileSync(wasm) });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const timed = (f) => {
  const t = performance.now();
  const out = f();
  return [performance.now() - t, out];
};

const before = dump(tables, false);
const after = dump(tables, true);
const request = { dialect: 'postgres', before, after };
const [paste, answer] = timed(() => generateForPage(JSON.stringify({ id: 1, request })));
const [pasteIdle] = timed(() => workerIdle());
console.log(`${tables} tables (${Math.round(after.length / 1024)} KB a side): paste ${paste.toFixed(1)} ms (answer ${answer.map((p) => p.length).join(" + ")} B: JSON, texts, notes), idle ${pasteIdle.toFixed(1)} ms`);

// The added column of the first table (as timing.mjs types), or of the one in the middle.
const marker = '    added character varying';
let at = after.indexOf(marker);
if (process.env.BENCH_PLACE === 'middle') at = after.indexOf(marker, Math.floor(after.length / 2));
at += '    added'.length;

const session = process.env.BENCH_PROFILE ? new inspector.Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const gen = [];
const idle = [];
const empty = { dialect: 'postgres', before: '', after: '' };
for (let i = 0; i < keys; i++) {
  const call = { id: i + 2, base: i + 1, request: empty, after: { start: at + i, end: at + i, text: 'x' } };
  const [ms, out] = timed(() => generateForPage(JSON.stringify(call)));
  JSON.parse(out[0]);
  gen.push(ms);
  idle.push(timed(() => workerIdle())[0]);
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
}
console.log(`keystroke (${process.env.BENCH_PLACE || 'first'} table): median ${median(gen).toFixed(1)} ms, p95 ${p95(gen).toFixed(1)} ms over ${keys}; idle after it median ${median(idle).toFixed(1)} ms`);
