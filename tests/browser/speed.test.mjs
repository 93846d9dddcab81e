// Browser tests of the playground at size (issue 13): long outputs drawn only where they are
// seen (and showing the right lines when scrolled), keystrokes sent to the worker as splices
// giving the same bytes as a generation from scratch (the JS API), the check and package tabs
// made by the worker (switching to them runs no generation on the page), axe-core clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launch } from './harness.mjs';
import { paste } from './launch.mjs';
import { dump } from './bench/dump.mjs';

let h;

before(async () => {
  h = await launch();
});

after(async () => {
  await h?.close();
});

// 300 tables created and 10 changed: an Up SQL of thousands of lines (over the highlighting
// limit, so drawn around the view).
const BEFORE = dump(100, false);
const AFTER = dump(400, true);

async function open() {
  const page = await h.context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(h.baseUrl);
  await page.locator('.ss-output').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => window.schemashift, null, { timeout: 30_000 });
  return page;
}

/** Wait for a generation after `runs` that is not pending. */
const settled = (page, runs) => page.waitForFunction(
  (n) => Number(document.querySelector('.ss-output')?.dataset.generation) > n
    && document.querySelector('.ss-output')?.getAttribute('aria-busy') === 'false',
  runs, { timeout: 60_000 });
const runsOf = (page) => page.evaluate(() => Number(document.querySelector('.ss-output').dataset.generation));

/** The migration of the editors' texts from scratch, through the JS API (no worker, no splices). */
const fromScratch = (page) => page.evaluate(() => {
  const text = (label) => document.getElementById([...document.querySelectorAll('label.ss-label')]
    .find((l) => l.textContent.trim() === label).htmlFor).value;
  return window.schemashift.generate({ dialect: 'postgres', before: text('Before'), after: text('After') });
});

/** The lines a virtualized block holds: [first line number, its lines]. */
const drawn = (block) => block.evaluate((pre) => {
  const code = pre.querySelector('.ss-virtual-space > code');
  // The drawn lines end with their newline (but the script's last line).
  return [Number(code.dataset.firstLine), code.textContent.replace(/\n$/, '').split('\n')];
});

/** Click the copy button named `name` and wait until it says the text is on the clipboard (a
 * long file the worker keeps is written when the worker has sent it). */
async function copied(page, name) {
  const button = page.getByRole('button', { name, exact: true });
  await button.click();
  await page.waitForFunction((el) => el.textContent === 'Copied', await button.elementHandle(), { timeout: 30_000 });
}

async function pastePair(page) {
  await page.getByLabel('Dialect').selectOption('postgres');
  await paste(page, 'Before', BEFORE);
  const runs = await runsOf(page);
  await paste(page, 'After', AFTER);
  await settled(page, runs);
}

test('a long Up SQL is drawn around what is in view, with the right lines when scrolled', async () => {
  const page = await open();
  await pastePair(page);
  const expected = (await fromScratch(page)).up.split('\n');
  const up = page.getByTestId('up-sql');
  assert.equal(await up.getAttribute('class'), 'ss-code ss-virtual');
  assert.equal(Number(await up.locator('.ss-virtual-space').getAttribute('data-lines')), expected.length);
  // The block is as tall as every line, but holds a few hundred of them.
  const [first, lines] = await drawn(up);
  assert.equal(first, 0);
  assert.ok(lines.length < 400 && lines.length < expected.length / 3, `${lines.length} lines drawn of ${expected.length}`);
  assert.deepEqual(lines, expected.slice(0, lines.length));
  for (const where of [0.5, 1]) {
    await up.evaluate((pre, where) => { pre.scrollTop = where * (pre.scrollHeight - pre.clientHeight); }, where);
    await page.waitForFunction((where) => {
      const code = document.querySelector('[data-testid=up-sql] .ss-virtual-space > code');
      return Number(code.dataset.firstLine) > 0 && (where < 1 || code.textContent.includes('parent_id_fkey'));
    }, where);
    const [at, shown] = await drawn(up);
    assert.deepEqual(shown, expected.slice(at, at + shown.length), `lines from ${at}`);
    // The lines at the top of the view are among those drawn.
    const top = await up.evaluate((pre) => Math.floor(pre.scrollTop / 19.5));
    assert.ok(at <= top && top < at + shown.length, `line ${top} in view, drawn from ${at}`);
    // And they fill the view: the middle of the block shows drawn text, not empty space.
    const seen = await up.evaluate((pre) => {
      const box = pre.getBoundingClientRect();
      return document.elementFromPoint(box.left + 30, box.top + box.height / 2)?.closest('code') !== null;
    });
    assert.ok(seen, 'the drawn lines are in view');
  }
  // Copy gives the whole script, byte for byte.
  await page.getByRole('button', { name: 'Copy up SQL' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected.join('\n'));
  await page.close();
});

test('keystrokes sent as splices give the bytes of a generation from scratch', async () => {
  const page = await open();
  await pastePair(page);
  const after = page.getByLabel('After', { exact: true });
  let at = AFTER.indexOf('    added character varying') + '    added'.length;
  for (const ch of 'xy') {
    await after.evaluate((t, at) => { t.focus(); t.setSelectionRange(at, at); }, at);
    const runs = await runsOf(page);
    await page.keyboard.type(ch);
    at += 1;
    await settled(page, runs);
    const status = await page.locator('.ss-status').first().textContent();
    assert.match(status, /in a background worker/, status);
    await page.getByRole('button', { name: 'Copy up SQL' }).click();
    const shown = await page.evaluate(() => navigator.clipboard.readText());
    const scratch = await fromScratch(page);
    assert.equal(shown, scratch.up, `after typing ${ch}`);
    assert.match(shown, new RegExp(`"added${ch === 'x' ? 'x' : 'xy'}"`));
  }
  // A deletion and a paste over a selection travel the same way.
  await after.evaluate((t, at) => { t.focus(); t.setSelectionRange(at - 2, at); }, at);
  let runs = await runsOf(page);
  await page.keyboard.press('Backspace');
  await settled(page, runs);
  await page.getByRole('button', { name: 'Copy up SQL' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), (await fromScratch(page)).up);
  runs = await runsOf(page);
  await paste(page, 'Before', BEFORE.replace('CREATE TABLE public.t3 (', 'CREATE TABLE public.t3 (\n    gone integer,'));
  await settled(page, runs);
  await page.getByRole('tab', { name: 'Down' }).click();
  await page.getByRole('button', { name: 'Copy down SQL' }).click();
  const down = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(down, (await fromScratch(page)).down);
  assert.match(down, /"gone"/);
  await page.close();
});

test('typing fast into a large schema keeps every character and the caret', async () => {
  const page = await open();
  await pastePair(page);
  const after = page.getByLabel('After', { exact: true });
  const at = AFTER.indexOf('    added character varying') + '    added'.length;
  await after.evaluate((t, at) => { t.focus(); t.setSelectionRange(at, at); }, at);
  // No pause between the keys: the page's echo of one keystroke must not overwrite the next.
  const runs = await runsOf(page);
  await page.keyboard.type('_fast_typing');
  const [value, caret] = await after.evaluate((t) => [t.value, t.selectionStart]);
  const typed = AFTER.slice(0, at) + '_fast_typing' + AFTER.slice(at);
  assert.equal(value, typed);
  assert.equal(caret, at + '_fast_typing'.length);
  // The result of the last keystroke arrives (the long Up SQL is drawn around the view: read it
  // through Copy).
  let shown = '';
  for (let i = 0; i < 60 && !shown.includes('"added_fast_typing"'); i++) {
    await settled(page, runs);
    await page.getByRole('button', { name: 'Copy up SQL' }).click();
    shown = await page.evaluate(() => navigator.clipboard.readText());
    if (!shown.includes('"added_fast_typing"')) await page.waitForTimeout(1000);
  }
  assert.equal(shown, (await fromScratch(page)).up);
  assert.match(shown, /"added_fast_typing"/);
  // (A change the page makes itself, an example or Undo, reaching the editor: workflow.test.mjs.)
  await page.close();
});

test('the check and package tabs come from the worker, and switching runs no generation on the page', async () => {
  const page = await open();
  await pastePair(page);
  // The JS API's package, as the README documents it (boot.js maps wasm-bindgen's `_package`).
  const api = await page.evaluate(async ({ before, after }) => (await window.schemashift.package({ dialect: 'postgres', before, after, format: 'plain' })).files, { before: BEFORE, after: AFTER });
  const stamp = (text) => text.replace(/\d{14}/g, 'VERSION');
  for (const [tab, testid, file] of [['Validation', 'validate-sql', 'validate.sql'], ['Pre-checks', 'precheck-sql', 'precheck.sql']]) {
    const longest = await page.evaluate(() => window.__longTasks.length);
    // The switch itself: from the click to the next frame (it stalled ~0.9 s, then 12 s at
    // 1,000 tables, generating again on the page); the content follows from the worker.
    const frame = await page.evaluate((name) => new Promise((resolve) => {
      const t0 = performance.now();
      [...document.querySelectorAll('[role=tab]')].find((b) => b.textContent.trim() === name).click();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    }), tab);
    console.log(`# switching to ${tab}: ${frame.toFixed(0)} ms to the next frame`);
    assert.ok(frame < 500, `switching to ${tab} took ${frame} ms`);
    await page.getByTestId(testid).locator('code').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction((id) => (document.querySelector(`[data-testid=${id}]`)?.textContent ?? '').length > 0, testid);
    await copied(page, `Copy ${tab === 'Validation' ? 'validation' : 'pre-check'} SQL`);
    assert.equal(stamp(await page.evaluate(() => navigator.clipboard.readText())), stamp(api[file]), tab);
    if (tab === 'Validation') {
      // validate.sql (~14 KB a table) stays in the worker: the block draws the lines it asks
      // for, at the top and where it is scrolled to, those of the API's script.
      const expected = stamp(api[file]).split('\n');
      const block = page.getByTestId(testid);
      assert.equal(await block.getAttribute('data-source'), 'worker');
      assert.equal(Number(await block.locator('.ss-virtual-space').getAttribute('data-lines')), expected.length);
      const [first, lines] = await drawn(block);
      assert.equal(first, 0);
      assert.ok(lines.length < 400, `${lines.length} lines drawn`);
      assert.deepEqual(lines.map(stamp), expected.slice(0, lines.length));
      await block.evaluate((pre) => { pre.scrollTop = pre.scrollHeight; });
      await page.waitForFunction((id) => Number(document.querySelector(`[data-testid=${id}] .ss-virtual-space > code`)?.dataset.firstLine) > 0, testid);
      const [at, end] = await drawn(block);
      assert.deepEqual(end.map(stamp), expected.slice(at, at + end.length));
      // (Drawn lines end with their newline: a script ending in one has no empty last line drawn.)
      assert.equal(at + end.length, expected.length - (expected.at(-1) === '' ? 1 : 0), 'the last lines are drawn');
      // The down script too, and its Copy.
      await copied(page, 'Copy down validation SQL');
      assert.equal(stamp(await page.evaluate(() => navigator.clipboard.readText())), stamp(api['validate_down.sql']));
    }
    const tasks = await page.evaluate((n) => window.__longTasks.slice(n), longest);
    console.log(`# ${tab}: main-thread tasks over 50 ms until shown: ${tasks.map((t) => t.toFixed(0)).join(', ') || 'none'}`);
  }
  await page.getByRole('tab', { name: /^Package/ }).click();
  // The preview of a long file draws the lines around the view (up.sql, from the worker's
  // lines); its Copy gives the whole file.
  const preview = page.getByTestId('package-preview');
  await page.waitForFunction(() => (document.querySelector('[data-testid=package-preview] .ss-virtual-space > code')?.textContent ?? '').length > 0, null, { timeout: 30_000 });
  assert.equal(await preview.getAttribute('data-source'), 'worker');
  const [first, lines] = await drawn(preview);
  const up = stamp(api['up.sql']).split('\n');
  assert.equal(first, 0);
  assert.ok(lines.length < 400 && lines.length < up.length / 3, `${lines.length} lines drawn of ${up.length}`);
  assert.deepEqual(lines.map(stamp), up.slice(0, lines.length));
  await copied(page, 'Copy the file');
  const file = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(stamp(file), stamp(api['up.sql']));
  assert.match(file, /"added"/);
  // Download: a package this large is zipped in the worker, the zip handed over as a Blob.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download/ }).click()]);
  assert.equal(download.suggestedFilename(), 'schemashift-plain.zip');
  const zip = await readFile(await download.path());
  assert.equal(zip.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'a zip starts with PK');
  for (const path of Object.keys(api)) assert.ok(zip.includes(Buffer.from(path)), `the zip holds ${path}`);
  // (Entries are stored: the up.sql copied above, byte for byte, from the same package.)
  assert.ok(zip.includes(Buffer.from(file)), 'the zip holds the previewed up.sql');
  // axe-core stays clean with a long, virtualized output shown.
  await page.getByRole('tab', { name: 'Up' }).click();
  // (Served from the page's own origin: the CSP allows no inline script.)
  const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const url = new URL('__axe.min.js', h.baseUrl).href;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/javascript', body: axe }));
  await page.addScriptTag({ url });
  const violations = await page.evaluate(async () => (await window.axe.run(document.querySelector('.ss-output'), { resultTypes: ['violations'] }))
    .violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`));
  assert.deepEqual(violations, []);
  assert.deepEqual(h.pageErrors, []);
  await page.close();
});
