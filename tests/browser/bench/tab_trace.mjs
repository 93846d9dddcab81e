// Where a tab's first showing goes at size (issue 13): a pg_dump-shaped pair pasted (both editors
// in one task, synthetic paste events), then one tab clicked under a CDP trace (trace.mjs) until
// its content is drawn; prints the breakdown, the page's long tasks and what the longest ran.
//
//   node tests/browser/bench/tab_trace.mjs                     Validation at 10,000 tables
//   TRACE_TAB=Package TRACE_TABLES=1000 BENCH_DIST=... node ...
//   TRACE_TAB=Package TRACE_DOWNLOAD=1 node ...                then its Download, timed to the file
//   TRACE_FIRST=Validation,Package TRACE_TAB=Validation ...    other tabs shown first (untraced)
//   TRACE_AFTER=8000 ...                                       keep tracing 8 s after the content
import { launch, DIST } from '../launch.mjs';
import { startServer } from '../serve.mjs';
import { dump } from './dump.mjs';
import { startTrace, breakdown, format } from './trace.mjs';
import { watchLongTasks, pasteBoth } from './page.mjs';

const TAB = process.env.TRACE_TAB || 'Validation';
const TABLES = Number(process.env.TRACE_TABLES || 10000);
const READY = { Validation: 'validate-sql', 'Pre-checks': 'precheck-sql', Package: 'package-preview' };
const dist = process.env.BENCH_DIST || DIST;
const { server, url } = await startServer(dist);
const browser = await launch({ dist });
try {
  const page = await browser.context.newPage();
  await watchLongTasks(page);
  await page.goto(url);
  await page.locator('.ss-output').waitFor({ timeout: 60_000 });
  await page.getByLabel('Dialect').selectOption('postgres');
  const runs = await page.evaluate(() => Number(document.querySelector('.ss-output').dataset.generation));
  await pasteBoth(page, dump(TABLES, false), dump(TABLES, true));
  await page.waitForFunction((n) => Number(document.querySelector('.ss-output').dataset.generation) > n
    && document.querySelector('.ss-output').getAttribute('aria-busy') === 'false', runs, { timeout: 600_000 });
  await page.waitForTimeout(1000);
  for (const first of (process.env.TRACE_FIRST || '').split(',').filter(Boolean)) {
    await page.evaluate((name) => [...document.querySelectorAll('[role=tab]')].find((b) => b.textContent.trim().startsWith(name)).click(), first);
    await page.waitForFunction((id) => (document.querySelector(`[data-testid=${id}] code`)?.textContent ?? '').trim().length > 0, READY[first], { timeout: 600_000 });
    await page.waitForTimeout(1000);
  }
  const trace = await startTrace(page);
  const result = await page.evaluate(({ name, testid }) => new Promise((resolve) => {
    const tab = [...document.querySelectorAll('[role=tab]')].find((b) => b.textContent.trim().startsWith(name));
    const t0 = performance.now();
    tab.click();
    const poll = () => {
      const code = document.querySelector(`[data-testid=${testid}] code`);
      if ((code?.textContent ?? '').trim().length > 0) {
        return requestAnimationFrame(() => setTimeout(() => resolve({ t0, content: performance.now() - t0 }), 0));
      }
      if (performance.now() - t0 > 600_000) return resolve({ t0, content: NaN });
      requestAnimationFrame(poll);
    };
    poll();
  }), { name: TAB, testid: READY[TAB] });
  // TRACE_AFTER=ms: keep tracing that long after the content (a tab whose old content is still
  // drawn while the new one is asked for).
  await page.waitForTimeout(Number(process.env.TRACE_AFTER || 0));
  const events = await trace.stop();
  const tasks = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start + t.duration >= t0).map((t) => Math.round(t.duration)), result.t0);
  console.log(`# ${TAB} at ${TABLES} tables: click → content ${result.content.toFixed(0)} ms; page tasks over 50 ms: ${tasks.join(', ') || 'none'}`);
  console.log(format(breakdown(events)));
  // The longest main-thread task and the longest events inside it.
  const main = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')
    .filter((e) => events.some((k) => k.tid === e.tid && k.cat?.includes('blink.user_timing')));
  const longest = main.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  if (longest) {
    const inside = events.filter((e) => e.tid === longest.tid && e.ph === 'X' && e !== longest && e.ts >= longest.ts && e.ts + (e.dur ?? 0) <= longest.ts + longest.dur)
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 12);
    console.log(`longest main-thread task ${(longest.dur / 1000).toFixed(1)} ms; inside it:`);
    for (const e of inside) console.log(`  ${(e.dur / 1000).toFixed(1).padStart(8)} ms  ${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}`);
  }
  if (process.env.TRACE_DOWNLOAD) {
    const t0 = await page.evaluate(() => performance.now());
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: /^Download/ }).click()]);
    await download.path();
    const t1 = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start + t.duration >= t0).map((t) => Math.round(t.duration)), t0);
    console.log(`# Download: click → file ${(t1 - t0).toFixed(0)} ms; page tasks over 50 ms: ${tasks.join(', ') || 'none'}`);
  }
} finally {
  await browser.close();
  server.close();
}
