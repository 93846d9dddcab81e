// Browser test of a blocked result (issue 11): a typo in AFTER (`CREAT TABLE orders`) must not
// come out as a normal result holding `DROP TABLE orders`. The banner names the reason at its
// line:column (a click moves the cursor there); the SQL is held back; Copy, Download and Verify
// are off; "Show the blocked migration anyway" lists the destructive steps and needs a
// confirming click; the override resets when the inputs change. Also: the target version is a
// list of engines by name, and the status line says which one was targeted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, setSchemas, settled, generations, ARTIFACTS } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

// BEFORE also has `legacy`, which AFTER drops on purpose: the one destructive step.
const BEFORE = 'CREATE TABLE users (id integer PRIMARY KEY, age integer);\nCREATE TABLE orders (id integer PRIMARY KEY, total numeric);\nCREATE TABLE legacy (id integer);';
const TYPO = 'CREATE TABLE users (id integer PRIMARY KEY, age integer);\nCREAT TABLE orders (id integer PRIMARY KEY, total numeric);';

test('a typo in AFTER blocks the result: banner, SQL held back, Copy/Download/Verify off, override after reading', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, BEFORE, TYPO);

  const banner = page.getByTestId('blocked-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Blocked: this migration must not be run/);
  const reason = banner.getByRole('button', { name: /^After 2:1$/ });
  assert.equal(await reason.count(), 1, await banner.textContent());
  await reason.click();
  const caret = await page.getByLabel('After', { exact: true }).evaluate((t) => [document.activeElement === t, t.selectionStart]);
  assert.deepEqual(caret, [true, TYPO.indexOf('CREAT TABLE orders')], 'the reason moves the cursor to its position');

  // Nothing to take away: the DROP is not shown, Copy, Download and Verify are off.
  assert.equal(await page.getByTestId('sql-held-back').first().isVisible(), true);
  assert.doesNotMatch(await page.getByTestId('up-sql').textContent(), /DROP TABLE/);
  assert.doesNotMatch(await page.getByTestId('blocked-reasons').textContent(), /^\s*$/);
  assert.equal(await page.getByRole('button', { name: 'Copy up SQL' }).isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: /^Verify/ }).isDisabled(), true);
  assert.match(await page.getByTestId('verify-status').textContent(), /Verify is off: the result is blocked/);
  await page.getByRole('tab', { name: /^Package/ }).click();
  assert.equal(await page.getByRole('button', { name: /^Download/ }).isDisabled(), true);
  await page.getByRole('tab', { name: /^Up/ }).click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'blocked-banner.png') });

  // The override: read the destructive steps, then confirm.
  await page.getByTestId('show-blocked').click();
  const list = page.getByTestId('blocked-destructive');
  assert.match(await list.textContent(), /DROP TABLE "public"\."legacy"/);
  assert.doesNotMatch(await list.textContent(), /"orders"/, 'the mistyped table is kept unchanged, not dropped');
  assert.equal(await page.getByRole('button', { name: 'Copy up SQL' }).isDisabled(), true, 'reading alone does not enable');
  await page.getByTestId('confirm-blocked').click();
  assert.equal(await banner.getAttribute('data-overridden'), 'true');
  assert.match(await page.getByTestId('up-sql').textContent(), /DROP TABLE "public"\."legacy"/);
  assert.equal(await page.getByRole('button', { name: 'Copy up SQL' }).isDisabled(), false);
  assert.equal(await page.getByRole('button', { name: /^Verify/ }).isDisabled(), false);

  // Any change of the inputs resets the override.
  const runs = await generations(page);
  await page.getByLabel('After', { exact: true }).fill(`${TYPO}\n-- still broken`);
  await settled(page, runs);
  assert.equal(await banner.getAttribute('data-overridden'), 'false');
  assert.equal(await page.getByRole('button', { name: 'Copy up SQL' }).isDisabled(), true);

  // Fixed inputs: no banner, everything on.
  await setSchemas(page, BEFORE, TYPO.replace('CREAT TABLE', 'CREATE TABLE'));
  assert.equal(await banner.count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Copy up SQL' }).isDisabled(), false);
  await page.close();
});

test('the target version is a list of engines by name; the status says what was targeted', async () => {
  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('mysql');
  const runs = await generations(page);
  await setSchemas(page, 'CREATE TABLE t (id int PRIMARY KEY);', 'CREATE TABLE t (id int PRIMARY KEY, b int);');
  const options = await page.getByLabel('Target version').locator('option').allTextContents();
  assert.ok(options.includes('MySQL 8.0') && options.includes('MariaDB 10.11'), options.join(', '));
  const status = () => page.getByRole('status').filter({ hasText: 'Generated in' }).textContent();
  assert.match(await status(), / for MariaDB 10\.11 ·/);
  const again = await generations(page);
  await page.getByLabel('Target version').selectOption('mysql-8.0');
  await settled(page, Math.max(runs, again));
  assert.match(await status(), / for MySQL 8\.0 ·/);
  // A dialect switch starts at that dialect's default.
  const third = await generations(page);
  await page.getByLabel('Dialect').selectOption('postgres');
  await settled(page, third);
  assert.equal(await page.getByLabel('Target version').inputValue(), '');
  assert.match(await status(), / for PostgreSQL 15 ·/);
  await page.close();
});

test('no page errors and no requests beyond the page itself', () => {
  assert.deepEqual(h.pageErrors, []);
  assert.deepEqual(h.foreignRequests, []);
});
