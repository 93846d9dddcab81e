// Browser tests of the schema views (issue 17) and the speed factor (issue 15): the side-by-side
// schema diff (normalized DDL per object, changed lines marked, unchanged objects on request,
// windowed at 1,000 tables), the visual diff's pan and zoom (buttons, wheel, drag, keyboard),
// natural order and focus on changed tables, and the Advanced panel's speed factor (estimates
// and Timeline follow it; kept over a reload and in the share link). axe-core is clean on these
// tabs in both themes at 1440 and 390 px. Screenshots go to test-artifacts/.
//
// Run: .ci/web.sh test (builds dist/ first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, ARTIFACTS, setSchemas, settled, generations } from './harness.mjs';
import { axeViolations } from './axe.mjs';


let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

const tab = (page, name) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
async function openAdvanced(page) {
  const panel = page.locator('.ss-advanced');
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
}

const SMALL_BEFORE = 'CREATE TABLE t2 (id int PRIMARY KEY);\n'
  + 'CREATE TABLE t10 (id int PRIMARY KEY, a text, legacy int);\n'
  + 'CREATE VIEW v AS SELECT id FROM t2;';
const SMALL_AFTER = 'CREATE TABLE t2 (id int PRIMARY KEY);\n'
  + 'CREATE TABLE t10 (id int PRIMARY KEY, a text NOT NULL, t2 int REFERENCES t2 (id));\n'
  + 'CREATE INDEX t10_a ON t10 (a);\n'
  + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';";

test('the schema diff shows each changed object side by side, with − and + lines, unchanged ones on request', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, SMALL_BEFORE, SMALL_AFTER);
  await tab(page, 'Schema diff').click();
  const frame = page.getByTestId('schema-diff');
  await frame.locator('.ss-sd-object').first().waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('schema-diff-summary').textContent(),
    '3 of 4 objects differ: 1 added · 1 removed · 1 changed.');
  const names = await frame.locator('.ss-sd-object').evaluateAll((s) => s.map((e) => e.dataset.object));
  assert.deepEqual(names, ['public.t10', 'public.v', 'public.f()'], 'changed objects only, tables first');
  const t10 = frame.locator('.ss-sd-object[data-object="public.t10"]');
  assert.match(await t10.locator('.ss-sd-head').textContent(), /table public\.t10\s+changed/);
  const changedNew = (await t10.locator('.ss-sd-changed .ss-sd-new, .ss-sd-added .ss-sd-new').allTextContents()).join('\n');
  const changedOld = (await t10.locator('.ss-sd-changed .ss-sd-old, .ss-sd-removed .ss-sd-old').allTextContents()).join('\n');
  assert.match(changedNew, /^\+ {3}"a" text NOT NULL,/m, 'the new line is marked + beside its colour');
  assert.match(changedOld, /^− {3}"legacy" integer/m, 'the removed line is marked −');
  assert.match(changedNew, /CREATE INDEX "t10_a"/, 'the index is part of its table');
  assert.match(changedNew, /FOREIGN KEY \("t2"\)/, 'the foreign key is part of its table');
  const unchanged = await t10.locator('.ss-sd-unchanged').first().evaluate((r) => [...r.children].map((c) => c.textContent));
  assert.equal(unchanged[1].slice(2), unchanged[3].slice(2), 'an unchanged line is the same on both sides');
  const view = frame.locator('.ss-sd-object[data-object="public.v"]');
  assert.equal(await view.locator('.ss-sd-new.ss-sd-blank').count(), await view.locator('.ss-sd-row').count(), 'a dropped view has no right side');

  await page.getByLabel('Show unchanged objects').check();
  await frame.locator('.ss-sd-object[data-object="public.t2"]').waitFor({ timeout: 5_000 });
  const all = await frame.locator('.ss-sd-object').evaluateAll((s) => s.map((e) => e.dataset.object));
  assert.deepEqual(all, ['public.t2', 'public.t10', 'public.v', 'public.f()'], 't2 before t10: natural order');
  await page.locator('.ss-output').screenshot({ path: path.join(ARTIFACTS, 'schema-diff.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.querySelector('.ss-app')?.dataset.theme === 'dark');
  await page.locator('.ss-output').screenshot({ path: path.join(ARTIFACTS, 'schema-diff-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.close();
});

test('the schema diff of 1,000 changed tables is windowed: a few blocks in the page, all reachable by scrolling', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  const n = 1000;
  const before = Array.from({ length: n }, (_, i) => `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text NOT NULL);`).join('\n');
  const after = Array.from({ length: n }, (_, i) => `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text NOT NULL, note text);`).join('\n');
  await setSchemas(page, before, after);
  const start = Date.now();
  await tab(page, 'Schema diff').click();
  const frame = page.getByTestId('schema-diff');
  await frame.locator('.ss-sd-object').first().waitFor({ timeout: 30_000 });
  const shownIn = Date.now() - start;
  assert.equal(await page.getByTestId('schema-diff-summary').textContent(), '1000 of 1000 objects differ: 1000 changed.');
  const drawn = await frame.locator('.ss-sd-object').count();
  assert.ok(drawn > 0 && drawn < 60, `${drawn} blocks in the page, not 1,000`);
  const first = await frame.locator('.ss-sd-object').evaluateAll((s) => s.slice(0, 4).map((e) => e.dataset.object));
  assert.deepEqual(first, ['public.t0', 'public.t1', 'public.t2', 'public.t3'], 'natural order');
  // Scroll to the middle and to the end: the blocks there are drawn, in place.
  const height = await frame.evaluate((f) => f.scrollHeight);
  for (const [at, expected] of [[0.5, /public\.t(49\d|50\d)/], [1, /public\.t999/]]) {
    const t0 = Date.now();
    await frame.evaluate((f, at) => { f.scrollTop = f.scrollHeight * at; }, at);
    await page.waitForFunction((re) => [...document.querySelectorAll('[data-testid=schema-diff] .ss-sd-object')]
      .some((e) => new RegExp(re).test(e.dataset.object)), expected.source, { timeout: 5_000 });
    const visible = await frame.evaluate((f) => {
      const r = f.getBoundingClientRect();
      return [...f.querySelectorAll('.ss-sd-object')].filter((e) => {
        const b = e.getBoundingClientRect();
        return b.bottom > r.top && b.top < r.bottom;
      }).map((e) => e.dataset.object);
    });
    assert.ok(visible.some((v) => expected.test(v)), `at ${at}: ${visible}`);
    console.log(`schema diff 1000 tables: scrolled to ${at} in ${Date.now() - t0} ms; ${await frame.locator('.ss-sd-object').count()} blocks drawn`);
  }
  assert.equal(await frame.evaluate((f) => f.scrollHeight), height, 'the height does not change while scrolling');
  console.log(`schema diff 1000 tables: tab shown in ${shownIn} ms, ${drawn} blocks drawn of 1000`);
  await page.close();
});

/** The pan and zoom transform of the visual diff: [x, y, scale]. */
async function transform(page) {
  const t = await page.locator('g.ss-vd-view').getAttribute('transform');
  const m = /translate\(([-\d.]+) ([-\d.]+)\) scale\(([\d.]+)\)/.exec(t);
  return m.slice(1).map(Number);
}

test('the visual diff pans and zooms by buttons, wheel, drag and keys, and resets', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, SMALL_BEFORE, SMALL_AFTER);
  await tab(page, 'Visual diff').click();
  await page.getByTestId('visual-diff').waitFor({ timeout: 15_000 });
  assert.deepEqual(await transform(page), [0, 0, 1]);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  assert.equal(await page.getByTestId('vd-zoom').textContent(), 'Zoom 125%');
  assert.equal((await transform(page))[2], 1.25);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  assert.equal(await page.getByTestId('vd-zoom').textContent(), 'Zoom 80%');
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.deepEqual(await transform(page), [0, 0, 1]);

  const box = await page.locator('.ss-vd-pan').boundingBox();
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction(() => /scale\(1\.[1-9]/.test(document.querySelector('g.ss-vd-view')?.getAttribute('transform')));
  const [wx, wy, ws] = await transform(page);
  assert.ok(ws > 1, `the wheel zooms in: ${ws}`);
  // Zoomed around the pointer: the picture's point under it stays under it.
  assert.ok(Math.abs((100 - wx) / ws - 100) < 0.5 && Math.abs((100 - wy) / ws - 100) < 0.5, `around the pointer: ${wx} ${wy} ${ws}`);
  await page.getByRole('button', { name: 'Reset' }).click();

  await page.mouse.move(box.x + 200, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + 150, box.y + 170, { steps: 4 });
  await page.mouse.up();
  assert.deepEqual(await transform(page), [-50, -30, 1], 'dragging pans');

  await page.locator('.ss-vd-pan').focus();
  await page.keyboard.press('0');
  assert.deepEqual(await transform(page), [0, 0, 1], '0 resets');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await transform(page), [-40, -40, 1], 'arrow keys pan');
  await page.keyboard.press('+');
  assert.equal((await transform(page))[2], 1.25, '+ zooms in');
  await page.keyboard.press('-');
  assert.equal((await transform(page))[2], 1, '- zooms out');
  await page.getByRole('button', { name: 'Fit' }).click();
  assert.ok((await transform(page))[2] <= 1, 'fit never enlarges');
  await page.locator('.ss-vd-pan').screenshot({ path: path.join(ARTIFACTS, 'visual-diff-fit.png') });
  await page.close();
});

test('the visual diff of a large schema focuses on the changed tables and their neighbours, in natural order', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  const n = 40;
  const table = (i, extra = '') => `CREATE TABLE t${i} (id int PRIMARY KEY${i > 0 ? `, parent int REFERENCES t${i - 1} (id)` : ''}${extra});`;
  const before = Array.from({ length: n }, (_, i) => table(i)).join('\n');
  const after = Array.from({ length: n }, (_, i) => table(i, i === 20 ? ', note text' : '')).join('\n');
  await setSchemas(page, before, after);
  await tab(page, 'Visual diff').click();
  const svg = page.getByTestId('visual-diff');
  await svg.waitFor({ timeout: 15_000 });
  const focus = page.getByLabel('Focus on changed tables');
  assert.equal(await focus.isChecked(), true, 'on by default above 30 tables');
  assert.equal(await page.getByTestId('vd-drawn').textContent(), 'Drawing 3 of 40 tables: the changed ones and their neighbours.');
  const titles = () => svg.locator('text.ss-vd-title').allTextContents();
  const focused = (await titles()).join(' | ');
  for (const name of ['public.t20', 'public.t19', 'public.t21']) assert.ok(focused.includes(name), `${name} in ${focused}`);
  assert.ok(!focused.includes('public.t5 '), focused);
  await page.locator('.ss-vd-frame').screenshot({ path: path.join(ARTIFACTS, 'visual-diff-focus.png') });

  await focus.uncheck();
  await page.getByText('Drawing all 40 tables', { exact: false }).waitFor({ timeout: 10_000 });
  const all = await titles();
  assert.equal(all.length, 40);
  const at = (name) => all.findIndex((t) => t.includes(`${name} `));
  assert.ok(at('public.t2') < at('public.t10') && at('public.t9') < at('public.t10'), `natural order: ${all.slice(0, 12)}`);
  await page.close();
});

test('the speed factor field scales the estimates and the Timeline, survives a reload and travels in the share link', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));',
    'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));\nCREATE INDEX orders_total_idx ON orders (total);');
  await openAdvanced(page);
  let runs = await generations(page);
  await page.getByLabel('Table sizes').fill('orders 5000000');
  await settled(page, runs);
  await tab(page, 'Timeline').click();
  const heading = () => page.getByTestId('timeline').locator('svg text').first().textContent();
  const bars = () => page.getByTestId('timeline').locator('svg g > title').allTextContents();
  await page.getByTestId('timeline').waitFor({ timeout: 15_000 });
  const [head1, bars1] = [await heading(), await bars()];

  runs = await generations(page);
  await page.getByLabel('Speed factor').fill('4');
  await settled(page, runs);
  await page.waitForFunction((old) => document.querySelector('[data-testid=timeline] svg text')?.textContent !== old, head1, { timeout: 10_000 });
  const [head4, bars4] = [await heading(), await bars()];
  assert.notEqual(head4, head1, `the total estimate follows the factor: ${head1} → ${head4}`);
  assert.notDeepEqual(bars4, bars1, 'the bars\' estimates follow the factor');
  assert.match(await page.getByTestId('advanced-summary').textContent(), /speed factor 4/);
  await page.getByTestId('timeline').screenshot({ path: path.join(ARTIFACTS, 'timeline-speed-4.png') });

  await page.reload();
  await page.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
  await openAdvanced(page);
  assert.equal(await page.getByLabel('Speed factor').inputValue(), '4', 'kept in this browser');

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const shared = await h.openPlayground(`#${link.split('#')[1]}`);
  await openAdvanced(shared);
  assert.equal(await shared.getByLabel('Speed factor').inputValue(), '4', 'carried by the share link');
  await shared.close();

  // A factor that does not read blocks the result with a reason, never a guess.
  runs = await generations(page);
  await page.getByLabel('Speed factor').fill('fast');
  await settled(page, runs);
  assert.equal(await page.getByLabel('Speed factor').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('.ss-advanced').textContent(), /speed factor: `fast` is not a number above 0/);
  await page.getByLabel('Speed factor').fill('');
  await page.close();
});


test('axe-core: the schema diff, visual diff and timeline are clean in both themes at 1440 and 390 px', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, SMALL_BEFORE, SMALL_AFTER);
  await openAdvanced(page);
  await page.getByLabel('Speed factor').fill('2');
  for (const [width, height] of [[1440, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction((s) => document.querySelector('.ss-app')?.dataset.theme === s, scheme);
      for (const name of ['Schema diff', 'Visual diff', 'Timeline']) {
        await tab(page, name).click();
        await page.locator('.ss-panel:not([hidden]) :is(.ss-sd-object, svg, .ss-empty)').first().waitFor({ timeout: 15_000 });
        const serious = await axeViolations(page);
        assert.deepEqual(serious, [], `${width}px, ${scheme} theme, ${name} tab:\n${JSON.stringify(serious, null, 2)}`);
      }
      await tab(page, 'Schema diff').click();
      await page.screenshot({ path: path.join(ARTIFACTS, `schema-diff-${width}-${scheme}.png`), fullPage: width < 1000 });
    }
  }
  await page.close();
});

test('no page errors and no requests beyond the page itself', () => {
  assert.deepEqual(h.pageErrors, []);
  assert.deepEqual(h.foreignRequests, []);
});
