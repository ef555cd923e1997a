/**
 * Debian's Chromium driven by playwright-core, and the watchers every browser
 * test puts on a page: requests (and which left 127.0.0.1), CSP violations,
 * console errors, and axe-core.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults, run } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { CHROMIUM_MISSING } from './chromium.ts';

export { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.ts';

/**
 * The run's Chromium (started once by the global setup) for one test file:
 * contexts made on it have a fresh profile each (no cache, no cookies);
 * `close()` leaves the browser running for the other files. Fails, never
 * skips, when Chromium is missing: the reader promises are only proven in a
 * browser.
 */
export async function launchChromium(): Promise<Browser> {
  // Imported here: scripts/audit.ts reads this module's flags outside Vitest.
  const { inject } = await import('vitest');
  const endpoint = inject('chromiumEndpoint');
  if (!endpoint) throw new Error(CHROMIUM_MISSING);
  return chromium.connect(endpoint);
}

export interface SeenRequest {
  url: string;
  /** Date.now() when the browser asked for it. */
  at: number;
  /** The page URL it was made from. */
  from: string;
}

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

/** What happened in a browser context, for assertions. */
export interface Watch {
  requests: SeenRequest[];
  /** Requests to any host but 127.0.0.1 (answered by an abort: nothing leaves the machine). */
  offsite: SeenRequest[];
  consoleErrors: string[];
  /** securitypolicyviolation events of every page of the context, and CSP console reports. */
  cspViolations(): Promise<CspViolation[]>;
}

/** The page a request was made from ('' for requests without a frame, e.g. from a worker). */
function pageOf(request: Request): string {
  try {
    return request.frame().page().url();
  } catch {
    return '';
  }
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || ((protocol === 'http:' || protocol === 'https:') && hostname === '127.0.0.1');
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
  }
}

/**
 * Instruments a context: every request is recorded, every request to another
 * host is recorded and aborted, CSP violations and console errors are kept.
 */
export async function watchContext(context: BrowserContext): Promise<Watch> {
  const watch: Omit<Watch, 'cspViolations'> & { consoleCsp: CspViolation[] } = { requests: [], offsite: [], consoleErrors: [], consoleCsp: [] };
  await context.route('**/*', (route) => {
    const request = route.request();
    const seen = { url: request.url(), at: Date.now(), from: pageOf(request) };
    if (isLocal(seen.url)) return route.continue();
    watch.offsite.push(seen);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    watch.requests.push({ url: request.url(), at: Date.now(), from: pageOf(request) });
  });
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) {
      watch.consoleCsp.push({ directive: '(console)', blocked: text, source: message.page()?.url() ?? '' });
    } else if (!/net::ERR_BLOCKED_BY_CLIENT/.test(text)) {
      // An offsite request aborted above is reported by `offsite`, not twice.
      watch.consoleErrors.push(`${message.page()?.url()}: ${text}`);
    }
  });
  context.on('weberror', (error) => watch.consoleErrors.push(`${error.page()?.url()}: ${error.error().message}`));
  // Injected by the browser's debugging protocol, which a CSP does not block.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations!.push({ directive: event.effectiveDirective, blocked: event.blockedURI, source: `${event.sourceFile}:${event.lineNumber}` });
    });
  });
  return {
    requests: watch.requests,
    offsite: watch.offsite,
    consoleErrors: watch.consoleErrors,
    async cspViolations() {
      const inPages = await Promise.all(context.pages().map((p) => p.evaluate(() => window.__cspViolations ?? []).catch(() => [])));
      return [...watch.consoleCsp, ...inPages.flat()];
    },
  };
}

/** The WCAG 2.2 AA rule set of the reader promises. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's source, the version @axe-core/playwright runs. */
const axeSource = readFileSync(createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now, one readable line per
 * failing element. axe is put into the page once per document and run there
 * (`axe.run`, the rule set of AXE_TAGS), so checking the same page again (in
 * dark after light) costs a run, not a new injection: AxeBuilder injects
 * axe into every frame and finishes in a new blank page at every call, three
 * times the time. A page with frames is checked by AxeBuilder, which
 * inspects each frame.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  let violations: AxeResults['violations'];
  if (page.frames().length > 1) {
    violations = (await new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] }).analyze()).violations;
  } else {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
    violations = await page.evaluate(
      async (tags) => (await (window as unknown as { axe: { run: typeof run } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations,
      AXE_TAGS,
    );
  }
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  );
}

/** Horizontal overflow in CSS pixels (0 when the page fits the viewport's width). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A fresh context (no cache, no cookies, no service worker) at `width` × `height`, in French, with every watcher on, and its first page. */
export async function openWatched(browser: Browser, width: number, height: number): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'fr-FR', serviceWorkers: 'block' });
  const watch = await watchContext(context);
  const page = await context.newPage();
  return { context, page, watch };
}
