/**
 * Debian's Chromium, started as a server once per test run by
 * tests/global-setup.ts; the browser tests connect to it (tests/e2e/browser.ts).
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserServer } from 'playwright-core';

/**
 * Flags for Debian's Chromium on this machine: no sandbox (root), and none of
 * the background connections a closed network would refuse.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's package; CHROMIUM_PATH overrides it. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The message a browser test fails with when Debian's Chromium is missing. */
export const CHROMIUM_MISSING =
  `Chromium is not installed at ${CHROMIUM_PATH}. The browser tests need Debian's package: ` +
  `apt-get install -y chromium (or set CHROMIUM_PATH). They never download a browser and are never skipped.`;

/**
 * Starts headless Chromium, with none of its background traffic, as a server
 * the browser tests connect to: tests/global-setup.ts starts one per test
 * run. Undefined when Chromium is missing: the browser tests then fail (see
 * launchChromium), the others run.
 */
export async function startChromiumServer(): Promise<BrowserServer | undefined> {
  if (!existsSync(CHROMIUM_PATH)) return undefined;
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}
