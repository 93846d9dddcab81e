// Browser test of the playground: a real Chromium (Debian's, driven by playwright-core) opens
// the built page (dist/, served on a free port), types a before and an after schema into the
// editors named "Before" and "After", and reads the generated up migration from the page; it
// also calls the JavaScript API. Screenshots go to test-artifacts/ at the repository root.
//
// Run: .ci/web.sh test (builds dist/ first). CHROMIUM overrides the browser's path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, access, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { freshWorkPerPage } from './fresh.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const BEFORE_SQL = 'CREATE TABLE t (id integer PRIMARY KEY, a text);';
const AFTER_SQL = 'CREATE TABLE t (id integer PRIMARY KEY, b integer);';

let server, baseUrl, profile, context;
const pageErrors = [];
const foreignRequests = [];

before(async () => {
  await access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run .ci/web.sh build (or .ci/web.sh test)');
  });
  await mkdir(ARTIFACTS, { recursive: true });
  ({ server, url: baseUrl } = await startServer(DIST));
  profile = await mkdtemp(path.join(os.tmpdir(), 'schemashift-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await freshWorkPerPage(context);
  context.on('weberror', (e) => pageErrors.push(String(e.error())));
  context.on('request', (r) => {
    if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** A fresh page of the playground, once the wasm app has mounted. */
async function openPlayground() {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(baseUrl);
  await page.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
  return page;
}

/** The text of the up migration panel once it contains `needle`; the last text seen after
 * `timeout` ms otherwise. */
async function upSqlWhen(page, needle, timeout = 15_000) {
  return testIdTextWhen(page, 'up-sql', needle, timeout);
}

/** The text of the element with `testid` once it contains `needle` (a panel draws its text a
 * frame or more after the click that chose it); the last text seen after `timeout` ms otherwise. */
async function testIdTextWhen(page, testid, needle, timeout = 15_000) {
  const up = page.getByTestId(testid);
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await up.textContent()) ?? '';
    if (text.includes(needle)) break;
    await page.waitForTimeout(100);
  }
  return text;
}

test('typing a before and an after schema shows the up migration', async () => {
  const page = await openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  const beforeEditor = page.getByLabel('Before', { exact: true });
  const afterEditor = page.getByLabel('After', { exact: true });
  await beforeEditor.fill('');
  await beforeEditor.pressSequentially(BEFORE_SQL);
  await afterEditor.fill('');
  await afterEditor.pressSequentially(AFTER_SQL);
  assert.equal(await beforeEditor.inputValue(), BEFORE_SQL);

  const up = await upSqlWhen(page, 'DROP COLUMN "a"');
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-dark.png'), fullPage: true });

  assert.match(up, /ADD COLUMN\s+"?b"?/i, `up SQL has no ADD COLUMN b:\n${up}`);
  assert.match(up, /DROP COLUMN\s+"?a"?/i, `up SQL has no DROP COLUMN a:\n${up}`);
  const status = await page.getByRole('status').filter({ hasText: 'Generated in' }).textContent();
  assert.match(status, /Generated in \d+(\.\d+)? ms/);

  await page.getByRole('button', { name: 'Copy up SQL' }).click();
  await page.getByRole('button', { name: 'Copy up SQL' }).filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), up);
  await page.close();
});

test('bad SQL gives a diagnostic with line:column that moves the cursor there', async () => {
  const page = await openPlayground();
  const beforeEditor = page.getByLabel('Before', { exact: true });
  const firstLine = 'CREATE TABLE t (id integer PRIMARY KEY);';
  await beforeEditor.fill(`${firstLine}\nCREATE TABLE broken (id integer,, oops);`);
  const jump = page.locator('.ss-editor', { has: beforeEditor }).locator('.ss-diag-jump').first();
  await jump.waitFor({ timeout: 15_000 });
  assert.match((await jump.textContent()).trim(), /^2:\d+$/);
  await jump.click();
  const cursor = await beforeEditor.evaluate((t) => [document.activeElement === t, t.selectionStart]);
  assert.equal(cursor[0], true, 'the editor has the focus');
  assert.ok(cursor[1] > firstLine.length, `cursor on line 2 (at ${cursor[1]})`);
  await page.close();
});

test('risk notes are listed, and every example loads and generates', async () => {
  const page = await openPlayground();
  await page.getByRole('tab', { name: /^Risks/ }).click();
  const rows = page.getByRole('tabpanel').locator('tbody tr');
  await rows.first().waitFor({ timeout: 15_000 });
  assert.ok((await rows.count()) > 0);
  await page.getByRole('tab', { name: /^Up/ }).click();

  const examples = page.getByLabel('Example');
  const ids = await examples.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 4, `examples: ${ids}`);
  const output = page.getByRole('region', { name: 'Migration' });
  for (const id of ids) {
    const runs = Number(await output.getAttribute('data-generation'));
    await examples.selectOption(id);
    await page.waitForFunction(
      (n) => Number(document.querySelector('.ss-output')?.dataset.generation) > n, runs, { timeout: 15_000 });
    const dialect = await page.getByLabel('Dialect').inputValue();
    const before = await page.getByLabel('Before', { exact: true }).inputValue();
    assert.ok(before.length > 0, `${id} fills Before`);
    const up = (await page.getByTestId('up-sql').textContent()) ?? '';
    assert.match(up, /schemashift up migration/, `${id} (${dialect}) generates an up migration:\n${up}`);
    const diagnostics = await page.getByRole('tab', { name: /^Diagnostics/ }).textContent();
    assert.match(diagnostics, /Diagnostics\s*0$/, `${id} (${dialect}) parses without diagnostics`);
  }
  await page.close();
});

test('a likely rename is suggested and one click applies it', async () => {
  const page = await openPlayground();
  await page.getByLabel('Before', { exact: true }).fill('CREATE TABLE t (id integer PRIMARY KEY, a text);');
  await page.getByLabel('After', { exact: true }).fill('CREATE TABLE t (id integer PRIMARY KEY, b text);');
  const accept = page.getByRole('button', { name: /^Treat as rename: column a → b/ });
  await accept.waitFor({ timeout: 15_000 });
  await accept.click();
  const up = await upSqlWhen(page, 'RENAME COLUMN');
  assert.match(up, /RENAME COLUMN "a" TO "b"/, `up SQL after accepting the rename:\n${up}`);
  assert.doesNotMatch(up, /DROP COLUMN/);
  await page.getByRole('button', { name: /^Undo rename/ }).click();
  assert.match(await upSqlWhen(page, 'DROP COLUMN'), /DROP COLUMN "a"/);
  await page.close();
});

test('a sequence name a typo apart blocks, and the page\'s answer renames it', async () => {
  const page = await openPlayground();
  await page.getByLabel('Before', { exact: true }).fill(
    "CREATE SEQUENCE order_numbers START 1000;\nCREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('order_numbers'));");
  await page.getByLabel('After', { exact: true }).fill(
    "CREATE SEQUENCE order_numbrs START 1000;\nCREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('order_numbrs'));");
  const accept = page.getByRole('button', { name: /^Treat as rename: sequence order_numbers → order_numbrs/ });
  await accept.waitFor({ timeout: 15_000 });
  // Blocked until answered: no DROP SEQUENCE is offered as the migration.
  assert.doesNotMatch((await page.getByTestId('up-sql').textContent()) ?? '', /DROP SEQUENCE/);
  await accept.click();
  const up = await upSqlWhen(page, 'RENAME TO');
  assert.match(up, /ALTER SEQUENCE "public"\."order_numbers" RENAME TO "order_numbrs"/, up);
  assert.doesNotMatch(up, /DROP SEQUENCE|CREATE SEQUENCE/);
  await page.close();
});

test('the output tabs work from the keyboard', async () => {
  const page = await openPlayground();
  const upTab = page.getByRole('tab', { name: /^Up/ });
  await upTab.focus();
  await page.keyboard.press('ArrowRight');
  const downTab = page.getByRole('tab', { name: /^Down/ });
  assert.equal(await downTab.getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Down');
  assert.equal(await page.getByRole('tabpanel').count(), 1, 'only the selected panel is visible');
  await page.close();
});

test('the JavaScript API generates the --json document and mounts a playground', async () => {
  const page = await openPlayground();
  await page.waitForFunction(() => typeof window.schemashift?.generate === 'function');
  const result = await page.evaluate(
    ([before, after]) => window.schemashift.generate({ dialect: 'postgres', before, after, options: {} }),
    [BEFORE_SQL, AFTER_SQL],
  );
  assert.equal(result.schema_version, 1);
  assert.equal(result.dialect, 'postgres');
  for (const key of ['up', 'down']) assert.equal(typeof result[key], 'string', key);
  for (const key of ['steps', 'down_steps', 'risks', 'diagnostics', 'rename_suggestions']) {
    assert.ok(Array.isArray(result[key]), `${key} is an array`);
  }
  for (const step of result.steps) {
    assert.equal(typeof step.sql, 'string');
    assert.equal(typeof step.transactional, 'boolean');
    assert.ok(Array.isArray(step.risks));
  }

  // A Promise: rejected with the reason.
  const error = await page.evaluate(async () => {
    try {
      await window.schemashift.generate({ dialect: 'oracle', before: '', after: '' });
      return null;
    } catch (e) {
      return String(e.message);
    }
  });
  assert.match(error ?? '', /unknown dialect/);

  const mounted = await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'embedded';
    document.body.append(host);
    window.schemashift.mount(host, { dialect: 'sqlite', before: 'CREATE TABLE x (id INTEGER);', after: '' });
    return host.querySelectorAll('textarea.ss-textarea').length;
  });
  assert.equal(mounted, 2);
  const embedded = page.locator('#embedded');
  assert.equal(await embedded.getByLabel('Before', { exact: true }).inputValue(), 'CREATE TABLE x (id INTEGER);');
  assert.equal(await embedded.getByLabel('Dialect').inputValue(), 'sqlite');
  await page.close();

  // Last: needs the parser and the PostgreSQL renderer in the core.
  assert.match(result.up, /ADD COLUMN/i, `API up SQL has no ADD COLUMN:\n${result.up}`);
});

test('a plain HTML page embeds the playground with the documented snippet', async () => {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(new URL('embed.html', baseUrl).href);
  const demo = page.locator('#migration-demo');
  await demo.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
  const up = demo.getByTestId('up-sql');
  await page.waitForFunction(
    () => document.querySelector('#migration-demo [data-testid=up-sql]')?.textContent.includes('DROP COLUMN'),
    null, { timeout: 15_000 });
  assert.match(await up.textContent(), /ADD COLUMN "b"[\s\S]*DROP COLUMN "a"/);
  await page.setViewportSize({ width: 640, height: 900 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-narrow.png'), fullPage: true });
  await page.close();
});

test('?compact is the iframe layout: the page header goes, a share link still opens its state', async () => {
  let page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(new URL('index.html?compact', baseUrl).href);
  await page.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('body').getAttribute('class'), 'ss-compact');
  assert.equal(await page.locator('.ss-page-header').isVisible(), false);
  await page.getByLabel('Before', { exact: true }).fill(BEFORE_SQL);
  await page.getByLabel('After', { exact: true }).fill(AFTER_SQL);
  await upSqlWhen(page, 'DROP COLUMN');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Share link').inputValue();
  await page.close();
  page = await context.newPage();
  await page.goto(new URL(`index.html?compact#${link.split('#')[1]}`, baseUrl).href);
  await page.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel('Before', { exact: true }).inputValue(), BEFORE_SQL);
  assert.equal(await page.locator('.ss-page-header').isVisible(), false);
  await page.setViewportSize({ width: 640, height: 700 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'compact-iframe.png') });
  await page.close();
});

test('the Package tab previews the files and downloads the zip', async () => {
  const page = await openPlayground();
  await page.getByLabel('Before', { exact: true }).fill(BEFORE_SQL);
  await page.getByLabel('After', { exact: true }).fill(AFTER_SQL);
  // This pair's own result (the example's up SQL has a DROP COLUMN too): the package is asked
  // for the outcome shown when the tab opens, and its builder loads on first use.
  await upSqlWhen(page, 'DROP COLUMN "a"');
  await page.getByLabel('Package format').selectOption('golang-migrate');
  await page.getByRole('tab', { name: /^Package/ }).click();
  const files = page.getByRole('list', { name: 'Package files' });
  // One layout per package: golang-migrate's files, no plain up.sql beside them.
  await files.getByRole('button', { name: 'README.md' }).waitFor({ timeout: 15_000 });
  assert.match(await files.textContent(), /migrations\//);
  assert.equal(await files.getByRole('button', { name: 'up.sql', exact: true }).count(), 0);
  await files.getByRole('button', { name: /\.up\.sql$/ }).first().click();
  assert.match(await testIdTextWhen(page, 'package-preview', 'DROP COLUMN "a"'), /DROP COLUMN "a"/);
  await files.getByRole('button', { name: 'README.md' }).click();
  assert.match(await testIdTextWhen(page, 'package-preview', '#'), /^#/m, 'the README is shown');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Download/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'schemashift-golang-migrate.zip');
  const zip = await readFile(await download.path());
  assert.equal(zip.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'a zip starts with PK');
  assert.ok(zip.includes(Buffer.from('.up.sql')), 'the zip holds the migration files');
  await page.close();
});

test('the Risks tab links to the rule docs, and each note to its rule', async () => {
  const page = await openPlayground();
  await page.getByLabel('Dialect').selectOption('postgres');
  await page.getByLabel('Before', { exact: true }).fill('CREATE TABLE t (id integer PRIMARY KEY, a text);');
  await page.getByLabel('After', { exact: true }).fill('CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL);');
  await upSqlWhen(page, 'SET NOT NULL');
  await page.getByRole('tab', { name: /^Risks/ }).click();
  const rules = page.getByRole('region', { name: 'Risk rules' });
  assert.equal(await rules.isVisible(), false, 'hidden until asked for');
  await page.getByRole('link', { name: /^Risk rules/ }).click();
  await rules.waitFor({ timeout: 5_000 });
  // rules.md is fetched when the view first opens (the wasm does not carry the text).
  await rules.getByText('any-drop-table').first().waitFor({ timeout: 5_000 });
  const text = await rules.textContent();
  assert.match(text, /pg-set-not-null/);
  assert.match(text, /any-drop-table/);
  assert.ok(await rules.locator('pre code').count() > 0, 'code blocks are rendered');

  const noteLink = page.getByRole('tabpanel').getByRole('link', { name: 'pg-set-not-null' }).first();
  const href = await noteLink.getAttribute('href');
  assert.match(href, /^#ss\d+-rule-pg-set-not-null$/);
  await noteLink.click();
  assert.equal(await page.locator(href).count(), 1, 'the anchor of the rule exists');
  await page.getByRole('button', { name: 'Close risk rules' }).click();
  assert.equal(await rules.isVisible(), false);
  await page.close();
});

test('a Share link restores dialect, schemas and options in a new page', async () => {
  const page = await openPlayground();
  const before = 'CREATE TABLE "ünï" (id INTEGER PRIMARY KEY, a TEXT);\n-- 100% & <ok>';
  const after = 'CREATE TABLE "ünï" (id INTEGER PRIMARY KEY, b TEXT);';
  await page.getByLabel('Dialect').selectOption('sqlite');
  await page.getByLabel('Before', { exact: true }).fill(before);
  await page.getByLabel('After', { exact: true }).fill(after);
  await page.getByLabel('Target version').selectOption('3.35');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const linkField = page.getByLabel('Share link');
  await linkField.waitFor({ timeout: 5_000 });
  const link = await linkField.inputValue();
  assert.ok(link.startsWith(`${baseUrl}#s=`), link);
  assert.match(link.split('#')[1], /^s=[A-Za-z0-9_-]+$/);
  assert.equal(page.url(), link, 'the page address holds the state too');
  await page.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor({ state: 'attached', timeout: 5_000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await page.close();

  const shared = await context.newPage();
  await shared.goto(link);
  await shared.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await shared.getByLabel('Before', { exact: true }).inputValue(), before);
  assert.equal(await shared.getByLabel('After', { exact: true }).inputValue(), after);
  assert.equal(await shared.getByLabel('Dialect').inputValue(), 'sqlite');
  assert.equal(await shared.getByLabel('Target version').inputValue(), '3.35');
  await shared.close();
});

test('no page errors and no requests beyond the page itself', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(foreignRequests, []);
});
