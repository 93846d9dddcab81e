// Browser test of generation in the background worker: 2000 tables (about 500 kB of DDL) are
// generated in www/worker.js while the page's own thread stays free. Measured with the Long
// Tasks API: the longest main-thread task while the page waits for the worker. (Showing the
// result, 2000 steps and their risk notes, is one main-thread task after the answer, as it would
// be without a worker; it is printed, not asserted.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, setInputs, DIST } from './launch.mjs';
import { startServer } from './serve.mjs';
import { watchLongTasks } from './bench/page.mjs';

let server, baseUrl, browser;

before(async () => {
  ({ server, url: baseUrl } = await startServer(DIST));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

const TABLES = 2000;
const big = (after) =>
  Array.from({ length: TABLES }, (_, i) =>
    after
      ? `CREATE TABLE t${i} (id integer PRIMARY KEY, name varchar(100) NOT NULL, c${i} bigint, note text);${i % 3 ? '' : `\nCREATE INDEX t${i}_name ON t${i} (name);`}`
      : `CREATE TABLE t${i} (id integer PRIMARY KEY, name text NOT NULL, c${i} integer);`).join('\n');

/** Open the playground recording long tasks (> 50 ms) into window.__longTasks. */
async function open() {
  const page = await browser.context.newPage();
  await watchLongTasks(page);
  await page.goto(baseUrl);
  await page.locator('.ss-output').waitFor({ timeout: 30_000 });
  return page;
}

test(`${TABLES} tables generate in the worker without blocking the page`, async () => {
  const before = big(false);
  const after = big(true);
  const page = await open();
  await setInputs(page, { dialect: 'postgres', before, after });
  const status = await page.locator('.ss-status').first().textContent();
  assert.match(status, /Generated in [\d.]+ ms in a background worker/, status);
  // The long Up SQL is drawn around what is in view: its end is drawn once scrolled to.
  await page.getByTestId('up-sql').evaluate((pre) => { pre.scrollTop = pre.scrollHeight; });
  // (Steps are in name order: t999's index is the script's last statement.)
  await page.waitForFunction(() => document.querySelector('[data-testid=up-sql]').textContent.includes('CREATE INDEX "t999_name"'),
    null, { timeout: 5_000 }).catch(() => {});
  const up = (await page.getByTestId('up-sql').textContent()) ?? '';
  assert.match(up, /CREATE INDEX "t999_name"[^\n]*\nCOMMIT;\n$/, 'the last tables are in the up migration');
  // The longest main-thread task while the worker generated: between the last request posted
  // and the task that received its answer (that task, which shows the result, is not counted).
  const worker = await page.evaluate(() => {
    const post = performance.getEntriesByName('schemashift:worker-post').at(-1).startTime;
    const answer = performance.getEntriesByName('schemashift:worker-answer').at(-1).startTime;
    const inside = window.__longTasks.filter((t) => t.start + t.duration > post && t.start + t.duration <= answer);
    const shown = window.__longTasks.find((t) => t.start <= answer && t.start + t.duration > answer);
    return { waited: answer - post, longest: Math.max(0, ...inside.map((t) => t.duration)), shown: shown?.duration ?? 0 };
  });
  // The Package tab shows the worker's packages.
  await page.getByRole('tab', { name: /^Package/ }).click();
  await page.getByRole('tabpanel').getByText('up.sql').first().waitFor({ timeout: 15_000 });

  console.log(`# worker: generation took ${worker.waited.toFixed(0)} ms; longest main-thread task meanwhile ${worker.longest.toFixed(0)} ms; showing the result ${worker.shown.toFixed(0)} ms`);
  assert.ok(worker.longest < 200, `a ${worker.longest} ms task blocked the page while the worker generated`);
  assert.ok(worker.longest < worker.waited / 2, `longest task ${worker.longest} ms of ${worker.waited} ms`);
  assert.deepEqual(browser.errors, []);
  await page.close();
});
