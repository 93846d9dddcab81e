// Shared set-up of the browser tests: serve dist/ on a free loopback port, start Debian's
// chromium through playwright-core, record page errors and requests leaving the page's origin.
import { mkdtemp, mkdir, rm, access } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freshWorkPerPage } from './fresh.mjs';
import { startServer } from './serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Start the server and the browser. Resolves to the harness: { context, baseUrl, pageErrors,
 * foreignRequests, openPlayground(), close() }. */
export async function launch() {
  await access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run .ci/web.sh build (or .ci/web.sh test)');
  });
  await mkdir(ARTIFACTS, { recursive: true });
  const { server, url: baseUrl } = await startServer(DIST);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'schemashift-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
    acceptDownloads: true,
  });
  await freshWorkPerPage(context);
  const pageErrors = [];
  const foreignRequests = [];
  context.on('weberror', (e) => pageErrors.push(String(e.error())));
  context.on('request', (r) => {
    if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) {
      foreignRequests.push(r.url());
    }
  });

  /** A fresh page of the playground (at `hash`, if given), once the wasm app has mounted. */
  async function openPlayground(hash = '') {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(baseUrl + hash);
    await page.getByLabel('Before', { exact: true }).waitFor({ timeout: 30_000 });
    return page;
  }

  async function close() {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    await rm(profile, { recursive: true, force: true });
  }

  return { context, baseUrl, pageErrors, foreignRequests, openPlayground, close };
}

/** Wait until the output has finished a generation after `runs` (read it before the change). */
export async function generationAfter(page, runs, timeout = 15_000) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('.ss-output')?.dataset.generation) > n, runs, { timeout });
}

/** The number of generations the page has finished. */
export async function generations(page) {
  return Number(await page.locator('.ss-output').getAttribute('data-generation'));
}

/** Fill both editors and wait for the migration of the new text. */
export async function setSchemas(page, before, after) {
  const runs = await generations(page);
  await page.getByLabel('Before', { exact: true }).fill(before);
  await page.getByLabel('After', { exact: true }).fill(after);
  await settled(page, runs);
}

/** Wait until a generation after `runs` has finished and none is pending. */
export async function settled(page, runs) {
  await page.waitForTimeout(50);
  await generationAfter(page, runs);
  await page.waitForFunction(() => document.querySelector('.ss-output')?.getAttribute('aria-busy') === 'false',
    null, { timeout: 15_000 });
}
