// Browser test of the single-file playground (dist-offline/schemashift.html, made by
// `.ci/web.sh offline`): opened from file:// it generates a migration and builds a package
// (its wasm chunks embedded: the tabs' panels, the package builder, the share link's encoder), and the only request the page makes is for the file itself. Verify says it is not part of this build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ROOT } from './launch.mjs';

const FILE = path.join(ROOT, 'dist-offline', 'schemashift.html');
let browser;

before(async () => {
  await access(FILE).catch(() => {
    throw new Error('dist-offline/schemashift.html is missing: run .ci/web.sh offline (or .ci/web.sh test)');
  });
  browser = await launch();
});

after(async () => browser?.close());

test('the offline file works from file:// with no request beyond itself', async () => {
  const url = pathToFileURL(FILE).href;
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Dialect').selectOption('postgres');
  await page.getByLabel('Before', { exact: true }).fill('CREATE TABLE t (id integer PRIMARY KEY, a text);');
  await page.getByLabel('After', { exact: true }).fill('CREATE TABLE t (id integer PRIMARY KEY, a text, b integer NOT NULL DEFAULT 0);');
  await page.getByTestId('up-sql').filter({ hasText: 'ADD COLUMN "b"' }).waitFor({ timeout: 15_000 });
  const status = await page.locator('.ss-status').first().textContent();
  assert.match(status, /Generated in [\d.]+ ms for PostgreSQL 15/);
  assert.doesNotMatch(status, /worker/);
  const api = await page.evaluate(async () => (await window.schemashift.generate({ dialect: 'sqlite', before: '', after: 'CREATE TABLE x (a int);' })).up);
  assert.match(api, /CREATE TABLE "x"/);
  await page.getByTestId('verify-status').filter({ hasText: 'Verify is not available in this build' }).waitFor();
  // The risk rules' documentation is not in the wasm: the file carries it, read when first shown.
  await page.getByRole('tab', { name: /^Risks/ }).click();
  await page.getByRole('link', { name: /^Risk rules/ }).click();
  const rules = page.getByRole('region', { name: 'Risk rules' });
  await rules.getByText('pg-set-not-null').first().waitFor({ timeout: 5_000 });
  assert.ok(await rules.locator('pre code').count() > 0, 'the rule docs are rendered');

  // The package builder is a wasm chunk (web/src/lazy.rs): the file embeds it and loads it on
  // first use, through the Package tab and the JS API alike.
  await page.getByRole('tab', { name: /^Package/ }).click();
  const files = page.getByRole('list', { name: 'Package files' });
  await files.getByRole('button', { name: 'README.md' }).waitFor({ timeout: 15_000 });
  const pkg = await page.evaluate(async () => Object.keys((await window.schemashift.package({ dialect: 'sqlite', before: '', after: 'CREATE TABLE x (a int);' })).files));
  assert.ok(pkg.includes('up.sql'), pkg.join(' '));
  // The Visual diff tab and the share link's encoder are wasm chunks too (web/src/lazy_panels.rs, lazy.rs).
  await page.getByRole('tab', { name: /^Visual diff/ }).click();
  await page.getByTestId('visual-diff').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  assert.match(await page.getByLabel('Share link').inputValue(), /#s=/);

  // data: URLs (the inlined favicon) are not requests that leave the page.
  assert.deepEqual(browser.requests.filter((u) => !u.startsWith('data:')), [url], 'the page requested nothing but itself');
  assert.deepEqual(browser.errors, []);
  const bytes = (await stat(FILE)).size;
  console.log(`# offline file: ${bytes} bytes`);
  await page.close();
});
