// axe-core in a page of the playground, for the accessibility checks of the browser tests. The
// page's CSP allows no inline script: axe is served from the page's own origin (a routed URL).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations in the page. */
export async function axeViolations(page) {
  const url = new URL('/__axe.min.js', page.url()).href;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.route(url, (route) => route.fulfill({ contentType: 'text/javascript', body: AXE_SOURCE }));
    await page.addScriptTag({ url });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
