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

test("views that draw the page's migration say the generator did not load, never an empty drawing", async () => {
  const page = await h.openPlayground();
  // The page's generator chunk fails (a worker, if any, may still answer: its result is shown,
  // but the Timeline and the Visual diff draw from the page's own migration).
  await page.route(/split_engine\.wasm$/, (route) => route.abort());
  await page.getByLabel('Dialect').selectOption('postgres');
  await setSchemas(page, BEFORE, AFTER);
  for (const tab of [/^Timeline/, /^Visual diff/]) {
    await page.getByRole('tab', { name: tab }).click();
    const panel = page.getByRole('tabpanel').filter({ visible: true });
    const alert = panel.getByRole('alert').filter({ hasText: 'did not load' });
    await alert.waitFor({ timeout: 15_000 });
    assert.match(await alert.textContent(), /generator did not load.*reload the page/);
    assert.equal(await panel.getByText('No steps to draw.').count(), 0);
    assert.equal(await panel.getByText('No table changes to draw.').count(), 0);
  }
  await page.close();
});
