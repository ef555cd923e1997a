/**
 * The set-up every browser test file shares: a server of the built site on
 * 127.0.0.1 and a connection to the run's Chromium (tests/e2e/browser.ts),
 * both opened before the first test of the file (or describe block) that
 * calls `servedInChromium`, and closed after its last.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';

/** What serves the site: a static server (tests/helpers/serve.ts), or wrangler (tests/helpers/wrangler.ts). */
export interface SiteServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** The browser and the server's origin, for the tests (read them inside a test, once the hooks ran). */
export interface Served {
  readonly browser: Browser;
  readonly origin: string;
}

export function servedInChromium(start: () => Promise<SiteServer>): Served {
  let server: SiteServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`servedInChromium: the ${what} is read before its beforeAll hook ran`);
    return value;
  };
  return {
    get browser() {
      return started(browser, 'browser');
    },
    get origin() {
      return started(server, 'server').origin;
    },
  };
}
