/**
 * The accessibility check the browser tests rely on (axeViolations in
 * browser.ts): it sees what the colour scheme changes when the same page is
 * checked again, and what a frame holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function withPage(html: string, test: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  try {
    const page = await context.newPage();
    await page.setContent(html);
    await test(page);
  } finally {
    await context.close();
  }
}

const ids = (violations: string[]) => [...new Set(violations.map((v) => v.split(' ')[0]))];

describe('axeViolations', () => {
  it('checks the page again as it is: a text readable in light and not in dark is reported in dark only', async () => {
    const html = `<!doctype html><html lang="fr"><head><title>Essai</title><style>
      body { background: #fff; color: #111; }
      @media (prefers-color-scheme: dark) { body { background: #111; } p { color: #222; } }
    </style></head><body><main><h1>Essai</h1><p>Un texte.</p></main></body></html>`;
    await withPage(html, async (page) => {
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(ids(await axeViolations(page))).toEqual(['color-contrast']);
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('looks into frames', async () => {
    const frame = `<!doctype html><html lang="fr"><head><title>Cadre</title></head><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>`;
    const html = `<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main><h1>Essai</h1><iframe title="Cadre" srcdoc="${frame.replace(/"/g, '&quot;')}"></iframe></main></body></html>`;
    await withPage(html, async (page) => {
      await page.frames()[1]?.waitForLoadState('load');
      expect(page.frames()).toHaveLength(2);
      expect(ids(await axeViolations(page))).toEqual(['image-alt']);
    });
  });
});
