// Headless Chromium (Debian's, not a Playwright download) showing one code-server workbench.
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../support/tools';

export interface Workbench {
  readonly page: Page;
  /** Everything the page logged, and its uncaught errors, for failure reports. */
  readonly consoleLines: readonly string[];
  /** Navigates to a workbench URL and resolves once the workbench has rendered. */
  open(url: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts Chromium with one 1280×800 page that records its console. */
export async function launchBrowser(): Promise<Workbench> {
  const executablePath = process.env.STARTER_STACK_CHROMIUM ?? '/usr/bin/chromium';
  const browser = await chromium
    .launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] })
    .catch((error: unknown) => {
      throw new Error(
        `cannot start Chromium at ${executablePath} (Debian package chromium, or set STARTER_STACK_CHROMIUM): ${String(error)}`,
      );
    });
  const consoleLines: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
  return {
    page,
    consoleLines,
    async open(url, timeoutMs = 60_000) {
      await page.goto(url);
      await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    },
    close: () => browser.close(),
  };
}
