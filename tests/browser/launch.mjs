// Shared by verify.test.mjs, worker.test.mjs and offline.test.mjs: launch Debian's chromium
// (playwright-core) with a fresh profile, record page errors and every request the pages make.
import { mkdtemp, rm, access } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freshWorkPerPage } from './fresh.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** { context, requests, errors, close() }: `requests` lists every URL requested, in order. */
export async function launch({ args = [], dist = DIST } = {}) {
  await access(path.join(dist, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run .ci/web.sh build (or .ci/web.sh test)');
  });
  const profile = await mkdtemp(path.join(os.tmpdir(), 'schemashift-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...args],
    viewport: { width: 1280, height: 900 },
  });
  await freshWorkPerPage(context);
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('weberror', (e) => errors.push(String(e.error())));
  context.on('page', (page) =>
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    }));
  return {
    context,
    requests,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Put `text` into the editor named `label` as a paste does: one input event. */
export async function paste(page, label, text) {
  await page.getByLabel(label, { exact: true }).evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/** Set the dialect and the two schemas, and wait for the generation that follows. */
export async function setInputs(page, { dialect, before, after }) {
  const output = page.locator('.ss-output');
  await output.waitFor({ timeout: 30_000 });
  await page.getByLabel('Dialect').selectOption(dialect);
  await paste(page, 'Before', before);
  const runs = Number(await output.getAttribute('data-generation'));
  await paste(page, 'After', after);
  await page.waitForFunction(
    (n) => Number(document.querySelector('.ss-output')?.dataset.generation) > n && document.querySelector('.ss-output')?.getAttribute('aria-busy') === 'false',
    runs,
    { timeout: 60_000 },
  );
}
