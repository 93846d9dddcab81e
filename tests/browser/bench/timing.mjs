// Browser timing of the playground (issue 13): headless Chromium against the built dist/.
// Prints figures, asserts nothing (CI prints them: `.ci/web.sh bench`, `make bench-web`).
//
//   node tests/browser/bench/timing.mjs            sizes 1000 and 10000 tables
//   BENCH_SIZES=1000 BENCH_KEYS=21 node ...        other sizes, keystrokes per size
//   BENCH_JSON=out.json node ...                   the figures as JSON too
//   BENCH_DIST=/some/dist node ...                 another build (e.g. main's, to compare)
//
// Per size, a pg_dump-shaped pair (the dump form of core/benches/scaling.rs, with the columns a
// real dump has: ~900 bytes a table) is pasted into both editors at once; then single characters
// are typed in After, one at a time, each after the previous result is on screen: a column name
// of the first table grows ("added" → "addedx" → "addedxy"), so every keystroke changes the Up SQL.
//
// - paste → output: from the input events to the frame after the Up SQL of the pair is shown;
// - keystroke → Up SQL: from the keydown to the frame after the page shows the Up SQL of the new
//   text (the generation that follows the keystroke has been published, and the Up SQL holds the
//   new column name);
// - worker generation: the generation time the worker reports (`schemashift:worker-answer` mark);
// - long tasks: main-thread tasks over 200 ms (PerformanceObserver 'longtask') per phase;
// - tab switch: from the click on a tab to the frame after it (and, for tabs whose content is
//   made when first shown, to the content);
// - first load: the bytes of every same-origin response until the playground is ready, gzipped
//   (gzip -9, as a server would send them).
import { gzipSync } from 'node:zlib';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { launch, DIST } from '../launch.mjs';
import { startServer } from '../serve.mjs';
import { dump } from './dump.mjs';
import { startTrace, breakdown, format } from './trace.mjs';
import { watchLongTasks, pasteBoth as pasteBothEvents } from './page.mjs';

const SIZES = (process.env.BENCH_SIZES || '1000,10000').split(',').map(Number).filter(Boolean);
const KEYS = Number(process.env.BENCH_KEYS || 0);
const LONG = 200;
const TIMEOUT = 120_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');

/** Open the playground recording long tasks and first-load responses. */
async function open(browser, baseUrl) {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  const page = await browser.context.newPage();
  await watchLongTasks(page);
  const bodies = [];
  const onResponse = (r) => {
    if (r.url().startsWith(baseUrl)) bodies.push(r.body().then((b) => ({ url: r.url().slice(baseUrl.length) || 'index.html', raw: b.length, gz: gzipSync(b, { level: 9 }).length })).catch(() => null));
  };
  browser.context.on('response', onResponse);
  await page.goto(baseUrl);
  await page.locator('.ss-output').waitFor({ timeout: 30_000 });
  await settle(page);
  browser.context.off('response', onResponse);
  const files = (await Promise.all(bodies)).filter(Boolean);
  return { page, files };
}

/** Wait until no generation is pending and none has finished for a quiet moment. */
async function settle(page, quiet = 400) {
  await page.waitForFunction(() => document.querySelector('.ss-output')?.getAttribute('aria-busy') === 'false', null, { timeout: TIMEOUT });
  let last = -1;
  for (;;) {
    const n = await page.evaluate(() => document.querySelector('.ss-output')?.dataset.generation);
    if (n === last) break;
    last = n;
    await page.waitForTimeout(quiet);
    await page.waitForFunction(() => document.querySelector('.ss-output')?.getAttribute('aria-busy') === 'false', null, { timeout: TIMEOUT });
  }
}

/** In the page: resolve, with performance.now(), at the frame after `ready()` holds once the
 * output has published a generation after `runs` and is not busy. */
function afterGeneration(page, runs, needle) {
  return page.evaluate(({ runs, needle, timeout }) => new Promise((resolve) => {
    const out = document.querySelector('.ss-output');
    const up = () => document.querySelector('[data-testid=up-sql]');
    const done = () => Number(out.dataset.generation) > runs && out.getAttribute('aria-busy') === 'false'
      && (!needle || (up()?.textContent ?? '').includes(needle));
    const finish = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    if (done()) return finish();
    const obs = new MutationObserver(() => {
      if (done()) {
        obs.disconnect();
        finish();
      }
    });
    obs.observe(out, { attributes: true, subtree: true, childList: true, characterData: true });
    setTimeout(() => { obs.disconnect(); resolve(NaN); }, timeout);
  }), { runs, needle, timeout: TIMEOUT });
}

const generationCount = (page) => page.evaluate(() => Number(document.querySelector('.ss-output').dataset.generation));
const longTasksSince = (page, t0) => page.evaluate(({ t0, long }) => {
  const tasks = window.__longTasks.filter((t) => t.start + t.duration >= t0);
  return { max: Math.max(0, ...tasks.map((t) => t.duration)), over: tasks.filter((t) => t.duration > long).length };
}, { t0, long: LONG });
const workerMs = (page) => page.evaluate(() => {
  const m = performance.getEntriesByName('schemashift:worker-answer').at(-1);
  return m?.detail?.ms ?? NaN;
});

/** How the bench pastes: `clipboard` (default) as a user does, the text put on the clipboard
 * (`navigator.clipboard.writeText`, permission granted), Ctrl+A then Ctrl+V in the editor, which
 * reaches the editor's own paste handler (a large text is spliced by it and never enters the
 * textarea whole); `value` as before 2026-12-06: the textarea's value set to the whole text
 * and one input event (a script's paste; the browser then holds the whole text in the textarea). */
const PASTE = process.env.BENCH_PASTE || 'clipboard';

/** Paste `text` into the editor `label` the bench's way; resolves to the start time (the Ctrl+V
 * keydown, or the moment the value was set). */
async function pasteInto(page, label, text) {
  if (PASTE === 'value') {
    return page.evaluate(({ label, text }) => {
      const id = [...document.querySelectorAll('label.ss-label')].find((l) => l.textContent.trim() === label)?.htmlFor;
      const t = document.getElementById(id);
      const t0 = performance.now();
      t.value = text;
      t.dispatchEvent(new Event('input', { bubbles: true }));
      return t0;
    }, { label, text });
  }
  await page.evaluate((text) => navigator.clipboard.writeText(text), text);
  const editor = page.getByLabel(label, { exact: true });
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.evaluate(() => {
    window.__pasteKey = null;
    document.activeElement.addEventListener('keydown', () => { window.__pasteKey = performance.now(); }, { once: true, capture: true });
  });
  await page.keyboard.press('Control+V');
  return page.evaluate(() => window.__pasteKey);
}

/** Both editors pasted in one task with a synthetic `paste` event each (a DataTransfer holding
 * the text, the editor's own paste handler; no clipboard read): one generation for the pair, as a
 * user pasting Before then After gets once both are in. `BENCH_PASTE=event`; the time is the
 * pair's, from the first paste to the Up SQL. */
async function pasteBoth(page, before, after) {
  const runs = await generationCount(page);
  const start = await pasteBothEvents(page, before, after);
  const end = await afterGeneration(page, runs, '"added"');
  return { paste: end - start, start, pasteBefore: NaN, beforeLong: { max: NaN, over: NaN } };
}

/** Paste Before, wait for its output, then paste After: each timed from its paste to the frame
 * after the output it gives (After's: the Up SQL of the pair). */
async function pastePair(page, before, after) {
  if (PASTE === 'event') return pasteBoth(page, before, after);
  let runs = await generationCount(page);
  const b0 = await pasteInto(page, 'Before', before);
  const b1 = await afterGeneration(page, runs, null);
  const beforeLong = await longTasksSince(page, b0);
  await settle(page);
  runs = await generationCount(page);
  const start = await pasteInto(page, 'After', after);
  const end = await afterGeneration(page, runs, '"added"');
  return { paste: end - start, start, pasteBefore: b1 - b0, beforeLong };
}

/** Type one character at `at` in After; the time from keydown to the Up SQL holding `needle`. */
async function keystroke(page, at, ch, needle) {
  const after = page.getByLabel('After', { exact: true });
  // A large text is edited through a window (web/src/editor_window.rs): Ctrl+Home brings the
  // window to the text's first lines, where `at` (in the first table) is the same offset.
  if (!['1', null].includes(await after.getAttribute('data-window-first'))) {
    await after.focus();
    await page.keyboard.press('Control+Home');
  }
  await after.evaluate((t, at) => {
    t.focus();
    t.setSelectionRange(at, at);
    window.__keydown = null;
    t.addEventListener('keydown', () => { window.__keydown = performance.now(); }, { once: true, capture: true });
  }, at);
  const runs = await generationCount(page);
  const waiting = afterGeneration(page, runs, needle);
  await page.keyboard.type(ch);
  const end = await waiting;
  const start = await page.evaluate(() => window.__keydown);
  return end - start;
}

/** Click each tab; the time to the next frame, and to its content where it is made when shown. */
async function tabs(page) {
  const names = ['Down', 'Risks', 'Pre-checks', 'Validation', 'Visual diff', 'Diagnostics', 'Package', 'Up'];
  const ready = {
    'Pre-checks': '[data-testid=precheck-sql]',
    Validation: '[data-testid=validate-sql]',
    'Visual diff': 'svg',
    Package: '[data-testid=package-preview]',
  };
  const out = [];
  for (const name of names) {
    const t = await page.evaluate(({ name, selector, timeout }) => new Promise((resolve) => {
      const tab = [...document.querySelectorAll('[role=tab]')].find((b) => b.textContent.trim().startsWith(name));
      const t0 = performance.now();
      tab.click();
      requestAnimationFrame(() => setTimeout(() => {
        const frame = performance.now() - t0;
        if (!selector) return resolve({ frame, content: frame, t0 });
        const panel = document.getElementById(tab.getAttribute('aria-controls'));
        const has = () => (panel.querySelector(selector)?.textContent ?? '').trim().length > 0;
        const poll = () => {
          if (has()) return resolve({ frame, content: performance.now() - t0, t0 });
          if (performance.now() - t0 > timeout) return resolve({ frame, content: NaN, t0 });
          requestAnimationFrame(poll);
        };
        poll();
      }, 0));
    }), { name, selector: ready[name], timeout: TIMEOUT });
    await page.waitForTimeout(200);
    // The longest main-thread task from the click until 200 ms after the content.
    out.push({ name, frame: t.frame, content: t.content, longest: (await longTasksSince(page, t.t0)).max });
  }
  return out;
}

/** The floor a textarea sets: keystroke → next frame in a bare page holding only a textarea with
 * `text` (as the editor's: no wrapping, no spellcheck), median of `keys`. */
async function bareTextarea(browser, text, keys) {
  const page = await browser.context.newPage();
  await page.setContent('<textarea id=t wrap=off spellcheck=false style="font:13px monospace;width:600px;height:600px"></textarea>');
  await page.evaluate((v) => { const t = document.getElementById('t'); t.value = v; t.focus(); t.setSelectionRange(200, 200); }, text);
  await page.waitForTimeout(300);
  const times = [];
  for (let i = 0; i < keys; i++) {
    await page.evaluate(() => document.getElementById('t').addEventListener('keydown', () => { window.__k = performance.now(); }, { once: true }));
    await page.keyboard.type('x');
    times.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - window.__k), 0)))));
    await page.waitForTimeout(100);
  }
  await page.close();
  return median(times);
}

async function measure(browser, baseUrl, n) {
  const before = dump(n, false);
  const after = dump(n, true);
  const { page, files } = await open(browser, baseUrl);
  await page.getByLabel('Dialect').selectOption('postgres');
  await settle(page);
  const { paste, start: t0, pasteBefore, beforeLong } = await pastePair(page, before, after);
  const pasteLong = await longTasksSince(page, t0);
  const pasteWorker = await workerMs(page);
  await settle(page);

  // Keystrokes: grow the added column's name in the first table.
  const at = after.indexOf('    added character varying') + '    added'.length;
  const keys = KEYS || (n <= 2000 ? 21 : 7);
  const letters = 'xyzwvutsrqponmlkjihgfedcba';
  const times = [];
  const workers = [];
  let typed = '';
  const k0 = await page.evaluate(() => performance.now());
  for (let i = 0; i < keys; i++) {
    const ch = letters[i % letters.length];
    const t = await keystroke(page, at + typed.length, ch, `"added${typed}${ch}"`);
    typed += ch;
    times.push(t);
    workers.push(await workerMs(page));
    await settle(page, 150);
  }
  const keyLong = await longTasksSince(page, k0);
  // One more keystroke, traced (CDP): where its time goes.
  const trace = await startTrace(page);
  const ch = letters[keys % letters.length];
  const traced = await keystroke(page, at + typed.length, ch, `"added${typed}${ch}"`);
  const split = breakdown(await trace.stop());
  await settle(page, 150);
  // The paste again, traced: After's original text pasted over the typed one (Ctrl+A, Ctrl+V).
  const pasteTrace = await startTrace(page);
  const runs = await generationCount(page);
  // (Ctrl+A, Ctrl+V from the clipboard in the `event` mode too: only After changes.)
  const p0 = await pasteInto(page, 'After', after);
  const tracedPaste = (await afterGeneration(page, runs, '"added"')) - p0;
  const pasteSplit = breakdown(await pasteTrace.stop());
  await settle(page, 150);
  const bare = await bareTextarea(browser, after, Math.min(keys, 7));
  const tab0 = await page.evaluate(() => performance.now());
  const tabTimes = await tabs(page);
  const tabLong = await longTasksSince(page, tab0);
  await page.close();
  return {
    tables: n,
    bytes: before.length,
    paste,
    pasteWorker,
    pasteLong,
    pasteBefore,
    beforeLong,
    tracedPaste,
    pasteSplit,
    keys: { median: median(times), p95: p95(times), all: times },
    worker: { median: median(workers.filter(Number.isFinite)), p95: p95(workers.filter(Number.isFinite)) },
    keyLong,
    traced,
    split,
    bare,
    tabs: tabTimes,
    tabLong,
    files,
  };
}

const dist = process.env.BENCH_DIST || DIST;
const { server, url: baseUrl } = await startServer(dist);
const browser = await launch({ dist });
const results = [];
try {
  for (const n of SIZES) {
    const r = await measure(browser, baseUrl, n);
    results.push(r);
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
}

// Each file once (the worker loads the page's wasm again; a browser's cache serves it).
const files = [...new Map((results[0]?.files ?? []).map((f) => [f.url, f])).values()];
const gz = files.reduce((s, f) => s + f.gz, 0);
const raw = files.reduce((s, f) => s + f.raw, 0);
console.log(`# schemashift playground timing — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), headless Chromium, dist/ at ${dist}`);
console.log(`first load: ${gz} bytes gzipped (${raw} raw), ${files.length} responses: ${files.map((f) => `${f.url} ${f.gz}`).join(', ')}`);
for (const r of results) {
  console.log(`\n## ${r.tables} tables (pg_dump form, ${(r.bytes / 1024).toFixed(0)} KB a side)`);
  if (PASTE !== 'event') console.log(`paste (${PASTE}) Before → output  ${ms(r.pasteBefore)}   (longest main-thread task ${ms(r.beforeLong.max)}, ${r.beforeLong.over} over ${LONG} ms)`);
  console.log(`paste (${PASTE}) ${PASTE === 'event' ? 'both' : 'After'} → Up SQL   ${ms(r.paste)}   (worker generation ${ms(r.pasteWorker)}; longest main-thread task ${ms(r.pasteLong.max)}, ${r.pasteLong.over} over ${LONG} ms)`);
  console.log(`After pasted again, traced (${ms(r.tracedPaste)}), where the time goes (CDP trace; nested parts overlap):`);
  console.log(format(r.pasteSplit));
  console.log(`keystroke → updated Up SQL  median ${ms(r.keys.median)}, p95 ${ms(r.keys.p95)} over ${r.keys.all.length} keystrokes [${r.keys.all.map((x) => x.toFixed(0)).join(' ')}]`);
  console.log(`worker generation per key   median ${ms(r.worker.median)}, p95 ${ms(r.worker.p95)}`);
  console.log(`long tasks while typing     longest ${ms(r.keyLong.max)}, ${r.keyLong.over} over ${LONG} ms`);
  console.log(`a bare textarea, same text  keystroke → frame median ${ms(r.bare)} (the floor any textarea editor of this text pays)`);
  console.log(`one keystroke traced (${ms(r.traced)}), where the time goes (CDP trace; nested parts overlap):`);
  console.log(format(r.split));
  console.log(`tab switch (click → frame / → content):`);
  for (const t of r.tabs) console.log(`  ${t.name.padEnd(12)} ${ms(t.frame).padStart(9)} / ${ms(t.content).padEnd(9)} longest task ${ms(t.longest)}`);
  console.log(`long tasks while switching  longest ${ms(r.tabLong.max)}, ${r.tabLong.over} over ${LONG} ms`);
}
if (process.env.BENCH_JSON) await writeFile(process.env.BENCH_JSON, JSON.stringify({ cores: os.cpus().length, results }, null, 2));
