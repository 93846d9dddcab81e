// Browser test of the parts made by wasm chunks on first use (web/src/lazy_panels.rs,
// web/BUNDLE.md): a tab whose chunk does not arrive says so in its place, never a blank, and the
// same tab works on a page where it arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, setSchemas } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

const BEFORE = 'CREATE TABLE t (id integer PRIMARY KEY, a text);';
const AFTER = 'CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL);';

test('a tab whose wasm chunk does not load says so; with the chunk it shows its panel', async () => {
  const failing = await h.openPlayground();
  await failing.route(/split_risks_panel\.wasm$/, (route) => route.abort());
  await failing.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(failing, BEFORE, AFTER);
  await failing.getByRole('tab', { name: /^Risks/ }).click();
  const alert = failing.getByRole('alert').filter({ hasText: 'This part did not load' });
  await alert.waitFor({ timeout: 15_000 });
  assert.match(await alert.textContent(), /reload the page/);
  assert.equal(await failing.locator('.ss-risk-table').count(), 0);
  await failing.close();

  const page = await h.openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, BEFORE, AFTER);
  await page.getByRole('tab', { name: /^Risks/ }).click();
  await page.locator('.ss-risk-table').first().waitFor({ timeout: 15_000 });
  assert.equal(await page.getByRole('alert').filter({ hasText: 'This part did not load' }).count(), 0);
  await page.close();
});
