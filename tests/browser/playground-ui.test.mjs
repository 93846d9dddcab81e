// Browser tests of the playground's editors, options, output tabs, visual diff, themes,
// keyboard use, narrow layout and accessibility (axe-core). Screenshots of the light and dark
// themes and of the visual diff go to test-artifacts/.
//
// Run: .ci/web.sh test (builds dist/ first). CHROMIUM overrides the browser's path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, ARTIFACTS, setSchemas, settled, generations } from './harness.mjs';
import { axeViolations } from './axe.mjs';


const NOT_NULL_BEFORE = 'CREATE TABLE t (id integer PRIMARY KEY, a text);';
const NOT_NULL_AFTER = 'CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL);';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

const editor = (page, name) => page.getByLabel(name, { exact: true });
/** Open the Advanced panel (table sizes, rename hints, data moves, package version and name). */
async function openAdvanced(page) {
  const panel = page.locator('.ss-advanced');
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
}
const mirrorOf = (page, name) => page.locator('.ss-editor', { has: editor(page, name) }).locator('.ss-mirror');
const gutterOf = (page, name) => page.locator('.ss-editor', { has: editor(page, name) }).locator('.ss-gutter');

test('editors highlight SQL as text, number the lines and mark diagnostics inline', async () => {
  const page = await h.openPlayground();
  const hostile = "CREATE TABLE t (id integer, note text DEFAULT '<img src=x onerror=alert(1)>'); -- <b>bold</b>\n";
  await setSchemas(page, `${hostile}CREATE TABLE broken (id integer,, oops);`, NOT_NULL_AFTER);
  const mirror = mirrorOf(page, 'Before');
  assert.equal(await mirror.getAttribute('aria-hidden'), 'true');
  assert.ok(await mirror.locator('.ss-hl-kw', { hasText: 'CREATE' }).count() >= 2, 'keywords are styled');
  assert.match(await mirror.locator('.ss-hl-str').first().textContent(), /^'<img src=x onerror=alert\(1\)>'$/);
  assert.match(await mirror.locator('.ss-hl-com').first().textContent(), /<b>bold<\/b>/);
  assert.equal(await page.locator('.ss-mirror img, .ss-mirror b').count(), 0, 'user text never becomes markup');
  assert.equal(await mirror.textContent(), `${await editor(page, 'Before').inputValue()}\n `, 'the mirror shows the text exactly');

  const gutter = gutterOf(page, 'Before');
  assert.match(await gutter.textContent(), /^1\n/);
  const mark = gutter.locator('.ss-gutter-mark');
  await mark.first().waitFor({ timeout: 15_000 });
  assert.match(await mark.first().textContent(), /^[✕!]2$/, 'line 2 is marked with a sign, not only a colour');
  assert.ok(await mirror.locator('.ss-hl-diag').count() >= 1, 'the token of the diagnostic is underlined');

  const jump = page.locator('.ss-editor', { has: editor(page, 'Before') }).locator('.ss-diag-jump').first();
  const [line, column] = (await jump.textContent()).trim().split(':').map(Number);
  assert.equal(line, 2);
  await jump.click();
  const at = await editor(page, 'Before').evaluate((t) => [document.activeElement === t, t.selectionStart]);
  const expected = hostile.length + column - 1;
  assert.deepEqual(at, [true, expected], 'the cursor is at the diagnostic line:column');
  await page.close();
});

test('highlighting keeps up with typing in a large schema', async () => {
  const page = await h.openPlayground();
  const big = Array.from({ length: 1500 }, (_, i) =>
    `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'n${i}', n numeric(10,2)); -- table ${i}`).join('\n');
  // Pasted in one go (one input event, as a paste is; playwright's fill sends one per line).
  const runs = await generations(page);
  await editor(page, 'Before').evaluate((t, text) => {
    t.value = text;
    t.dispatchEvent(new Event('input', { bubbles: true }));
  }, big);
  await settled(page, runs);
  console.log(`generated ${big.length} bytes: ${await page.locator('.ss-status', { hasText: 'Generated' }).textContent()}`);
  // Time from an input event to the mirror showing the new text (the editor's own work).
  const ms = await editor(page, 'Before').evaluate(async (t) => {
    const mirror = t.parentElement.querySelector('.ss-mirror');
    const start = performance.now();
    t.value = `CREATE TABLE zz (id int);\n${t.value}`;
    t.dispatchEvent(new Event('input', { bubbles: true }));
    while (!mirror.textContent.startsWith('CREATE TABLE zz (id int);\n')) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - start;
  });
  console.log(`highlighting ${big.length} bytes after a keystroke: ${ms.toFixed(0)} ms`);
  assert.ok(ms < 400, `highlighting took ${ms} ms`);
  // Only the lines in view (and a margin) are built; scrolling paints the others.
  const spans = await mirrorOf(page, 'Before').locator('.ss-hl-kw').count();
  assert.ok(spans > 100 && spans < 3000, `${spans} keyword spans`);
  await editor(page, 'Before').evaluate((t) => { t.scrollTop = t.scrollHeight; t.dispatchEvent(new Event('scroll')); });
  await page.waitForFunction(() => [...document.querySelectorAll('.ss-mirror')][0].textContent.includes('-- table 1499'));
  await page.close();
});

test('options reach the generation, and a share link restores them all', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, 'CREATE TABLE t (id integer PRIMARY KEY, a text, gone text);',
    'CREATE TABLE t (id integer PRIMARY KEY, b text);\nCREATE INDEX t_b ON t (b);');

  // Rename hints (in the Advanced panel): the up migration renames instead of dropping and adding.
  await openAdvanced(page);
  let runs = await generations(page);
  await page.getByLabel('Rename hints').fill('t.a=b');
  await settled(page, runs);
  const up = await page.getByTestId('up-sql').textContent();
  assert.match(up, /RENAME COLUMN "a" TO "b"/, up);
  await page.getByRole('button', { name: 'Undo rename t.a=b' }).waitFor({ timeout: 5_000 });

  // Zero-downtime and preserve data reach the core, which rewrites the plan: the index is built
  // concurrently, and the dropped column is copied into a backup table first.
  for (const [label, effect] of [['Zero-downtime', /CREATE INDEX CONCURRENTLY/], ['Preserve data', /schemashift_backup_t_gone/]]) {
    runs = await generations(page);
    await page.getByLabel(label).check();
    await settled(page, runs);
    const upNow = await page.getByTestId('up-sql').textContent();
    assert.match(upNow, effect, `${label} changes the up migration:\n${upNow}`);
  }

  // Table sizes: the CLI's file format; a bad line is reported with its line and blocks the result.
  await page.getByLabel('Table sizes').fill('table_name row_count\npublic.t 25000000');
  assert.equal(await page.getByLabel('Table sizes').getAttribute('aria-invalid'), 'false');
  await page.getByLabel('Table sizes').fill('public.t lots\nx 1\ny many');
  await page.getByText(/table sizes, line 3: .*the result is blocked until it is fixed/).waitFor({ timeout: 5_000 });
  await page.getByTestId('blocked-reasons').getByText(/table sizes, line 1/).waitFor({ timeout: 5_000 });
  await page.getByLabel('Table sizes').fill('public.t 25000000');
  await page.getByLabel('Package format').selectOption('flyway');

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Share link').inputValue();
  await page.close();

  const shared = await h.openPlayground(`#${link.split('#')[1]}`);
  assert.equal(await shared.getByLabel('Rename hints').inputValue(), 't.a=b');
  assert.equal(await shared.getByLabel('Zero-downtime').isChecked(), true);
  assert.equal(await shared.getByLabel('Preserve data').isChecked(), true);
  assert.equal(await shared.getByLabel('Table sizes').inputValue(), 'public.t 25000000');
  assert.equal(await shared.getByLabel('Package format').inputValue(), 'flyway');
  await shared.close();
});

test('selecting a risk note marks its statement in the Up SQL', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, NOT_NULL_BEFORE, NOT_NULL_AFTER);
  await page.getByRole('tab', { name: /^Risks/ }).click();
  const summary = await page.getByTestId('risk-summary').textContent();
  assert.match(summary, /\d+ (critical|high|medium|low|info)/);
  const severities = await page.locator('.ss-risk .ss-badge').allTextContents();
  const order = ['critical', 'high', 'medium', 'low', 'info'];
  const ranks = severities.map((s) => order.indexOf(s.trim()));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `most severe first: ${severities}`);

  const select = page.getByRole('button', { name: /^Highlight step \d+ in the Up SQL$/ }).first();
  await select.click();
  assert.equal(await page.getByRole('tab', { name: /^Up/ }).getAttribute('aria-selected'), 'true');
  const mark = page.getByTestId('up-sql').locator('mark');
  await mark.waitFor({ timeout: 5_000 });
  assert.match(await mark.textContent(), /SET NOT NULL/);
  await page.getByRole('button', { name: 'Clear mark' }).click();
  assert.equal(await mark.count(), 0);
  await page.close();
});

test('the Risks tab also lists the down migration\'s own notes (a dropped column re-added with its default)', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(
    page,
    'CREATE TABLE users (id bigint PRIMARY KEY, is_admin boolean NOT NULL DEFAULT false);',
    'CREATE TABLE users (id bigint PRIMARY KEY);',
  );
  await page.getByRole('tab', { name: /^Risks/ }).click();
  const down = page.getByTestId('down-risks');
  await down.waitFor({ timeout: 5_000 });
  assert.match(await down.textContent(), /any-down-readds-dropped-column/);
  assert.match(await page.getByTestId('down-risk-summary').textContent(), /critical/);
  await page.close();
});

test('Pre-checks and Validation tabs show precheck.sql and validate.sql', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, NOT_NULL_BEFORE, NOT_NULL_AFTER);
  await page.getByRole('tab', { name: 'Pre-checks' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=precheck-sql]')?.textContent.length > 0);
  assert.match(await page.getByTestId('precheck-sql').textContent(), /IS NULL/);
  await page.getByRole('tab', { name: 'Validation' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=validate-sql]')?.textContent.length > 0);
  assert.match(await page.getByTestId('validate-sql').textContent(), /\S/);
  assert.match(await page.getByTestId('validate-down-sql').textContent(), /\S/);
  await page.getByRole('button', { name: 'Copy validation SQL' }).click();
  await page.getByRole('button', { name: 'Copy validation SQL' }).filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 });
  await page.close();
});

test('the timeline draws one bar per up step, with the step and its estimate on hover', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page,
    'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));',
    'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2), note text);\nCREATE INDEX orders_total_idx ON orders (total);');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const frame = page.getByTestId('timeline');
  await frame.waitFor({ timeout: 15_000 });
  const svg = frame.locator('svg');
  const heading = await svg.locator('text').first().textContent();
  const steps = Number(/up migration: (\d+) step/.exec(heading)?.[1]);
  assert.ok(steps >= 2, `the heading counts the steps: ${heading}`);
  assert.equal(await svg.locator('g > title').count(), steps, 'one bar, with its hover title, per step');
  const titles = (await svg.locator('g > title').allTextContents()).join('\n');
  assert.match(titles, /orders/, 'a bar names its step and table');
  const text = await frame.textContent();
  assert.ok(!text.includes('--table-sizes'), 'page wording, not the CLI flag');
  await frame.screenshot({ path: path.join(ARTIFACTS, 'timeline.png') });
  await page.close();
});

test('the visual diff draws the changed tables, columns and relations', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page,
    'CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, legacy text);\n'
      + 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(10,2));',
    'CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text);\n'
      + 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), total numeric(12,2) NOT NULL);\n'
      + 'CREATE TABLE "<script>x</script>" (id int);');
  await page.getByRole('tab', { name: 'Visual diff' }).click();
  const svg = page.getByTestId('visual-diff');
  await svg.waitFor({ timeout: 15_000 });
  const text = await svg.textContent();
  for (const needle of ['+ added', '− removed', '~ changed', 'customers', 'orders', 'email text', 'legacy text',
    'type numeric(10,2) → numeric(12,2)', 'FK (customer_id) → customers (id)', '<script>x</script>']) {
    assert.ok(text.includes(needle), `the diagram shows ${needle}`);
  }
  assert.equal(await page.locator('.ss-vd script').count(), 0, 'names are text, not markup');
  assert.ok(await svg.locator('path.ss-vd-rel.ss-vd-added').count() >= 1, 'the new foreign key is drawn');
  assert.match(await svg.getAttribute('aria-label'), /Table public\.orders/);
  await page.locator('.ss-vd-text summary').click();
  assert.match(await page.locator('.ss-vd-text').textContent(), /added email text/);
  await page.locator('.ss-vd-frame').screenshot({ path: path.join(ARTIFACTS, 'visual-diff.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.querySelector('.ss-app')?.dataset.theme === 'dark');
  await page.locator('.ss-vd-frame').screenshot({ path: path.join(ARTIFACTS, 'visual-diff-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download visual diff (SVG)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'schemashift-visual-diff.svg');
  const file = await readFile(await download.path(), 'utf8');
  assert.match(file, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(file.includes('&lt;script&gt;x&lt;/script&gt;') && !file.includes('<script>'), 'escaped in the file');
  await page.close();
});

test('light and dark themes: system preference, toggle, screenshots', async () => {
  const page = await h.openPlayground();
  const app = page.locator('.ss-app');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.querySelector('.ss-app')?.dataset.theme === 'light');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  const light = await background();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, NOT_NULL_BEFORE, NOT_NULL_AFTER);
  await page.screenshot({ path: path.join(ARTIFACTS, 'theme-light.png'), fullPage: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.querySelector('.ss-app')?.dataset.theme === 'dark');
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  assert.notEqual(await background(), light);
  await page.screenshot({ path: path.join(ARTIFACTS, 'theme-dark.png'), fullPage: true });

  await toggle.click();
  assert.equal(await app.getAttribute('data-theme'), 'light', 'the toggle overrides the system');
  assert.equal(await background(), light);
  await page.reload();
  await editor(page, 'Before').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.ss-app').getAttribute('data-theme'), 'light', 'the choice is remembered');
  await page.evaluate(() => localStorage.removeItem('schemashift-theme'));
  await page.close();
});

test('keyboard: every tab by arrow keys, Home and End, with a visible focus', async () => {
  const page = await h.openPlayground();
  const tabs = page.getByRole('tab');
  const names = (await tabs.allTextContents()).map((t) => t.replace(/\d+$/, '').trim());
  assert.deepEqual(names, ['Up', 'Down', 'Risks', 'Pre-checks', 'Validation', 'Visual diff', 'Schema diff', 'Timeline', 'Diagnostics', 'Package']);
  await tabs.first().focus();
  for (const name of names.slice(1)) {
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.replace(/\d+$/, '').trim());
    assert.equal(focused, name);
    assert.equal(await page.getByRole('tabpanel').count(), 1);
  }
  await page.keyboard.press('Home');
  assert.equal(await tabs.first().getAttribute('aria-selected'), 'true');
  await page.keyboard.press('End');
  assert.equal(await tabs.last().getAttribute('aria-selected'), 'true');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return [s.outlineStyle, parseFloat(s.outlineWidth)];
  });
  assert.notEqual(outline[0], 'none');
  assert.ok(outline[1] >= 2, `focus outline ${outline}`);

  // Tab order reaches the controls, the editors and the advanced inputs without a mouse.
  await page.keyboard.press('Home');
  await openAdvanced(page);
  await page.getByLabel('Dialect').focus();
  const seen = [];
  for (let i = 0; i < 16; i += 1) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent?.trim() ?? document.activeElement?.textContent?.trim()));
  }
  for (const label of ['Target version', 'Package format', 'Zero-downtime', 'Table sizes', 'Rename hints', 'Before']) {
    assert.ok(seen.some((s) => s?.includes(label)), `Tab reaches ${label}: ${seen}`);
  }
  await page.close();
});

test('at 640px wide nothing overflows the page sideways', async () => {
  const page = await h.openPlayground();
  await page.setViewportSize({ width: 640, height: 900 });
  for (const tab of ['Up', 'Risks', 'Visual diff', 'Schema diff', 'Package']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 641, `${tab}: page is ${width}px wide`);
  }
  await page.getByRole('tab', { name: /^Up/ }).click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-640.png'), fullPage: true });
  await page.close();
});


test('axe-core finds no serious or critical violations, in both themes', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, `${NOT_NULL_BEFORE}\nCREATE TABLE broken (id integer,, oops);`, NOT_NULL_AFTER);
  // The broken BEFORE blocks the result: the banner and its opened override are checked too.
  await page.getByTestId('show-blocked').click();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction((s) => document.querySelector('.ss-app')?.dataset.theme === s, scheme);
    for (const tab of ['Up', 'Risks', 'Visual diff', 'Schema diff', 'Timeline', 'Diagnostics', 'Package']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      const serious = await axeViolations(page);
      assert.deepEqual(serious, [], `${scheme} theme, ${tab} tab:\n${JSON.stringify(serious, null, 2)}`);
    }
  }
  await page.close();
});

test('no page errors and no requests beyond the page itself', () => {
  assert.deepEqual(h.pageErrors, []);
  assert.deepEqual(h.foreignRequests, []);
});
