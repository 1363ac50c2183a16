// Open App's fallback as a person meets it in a real VS Code (code-server + Chromium): the stack on the simulator (a
// test double, which runs no ingress controller), Deploy Starter Stack from the palette, Open App on its summary. The
// Ingress URL (127.0.0.1.nip.io) does not answer, so the app opens through a port-forward to the frontend Service,
// and the message says why. The frontend Service is routed to a small local page (the simulator's pods serve nothing),
// so the tab the workbench opens shows that page through code-server's port proxy (asExternalUri). The forward
// listens on 127.0.0.1 only, and the message's Stop Port Forward closes it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { until } from '../support/until';
import { SCREENSHOTS_DIR } from './artifacts';
import { codeServerBeforeAll, withDeployedStack } from './session';
import {
  buttonIn,
  choosePick,
  nextQuickPick,
  notification,
  quickPickTitle,
  runCommand,
  waitForInputBox,
} from './workbenchUi';

const PREFLIGHT_TITLE = 'Deploy Starter Stack: preflight of';
const DRY_RUN_TITLE = 'Deploy Starter Stack: dry run';
const APP_PAGE = 'starter frontend (e2e stand-in)';

/** A local page standing in for the frontend's nginx, which the simulator does not run. */
async function standInFrontend(): Promise<Server> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<title>${APP_PAGE}</title><h1>${APP_PAGE}</h1>`),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * The addresses listening on `port` (IPv4 and IPv6, from /proc/net/tcp*), e.g. `127.0.0.1`: how the test sees what
 * the forward is bound to without asking the extension.
 */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table = '';
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue; // 0A: LISTEN
      const hex = local.slice(0, local.indexOf(':'));
      found.push(
        hex.length === 8
          ? (hex.match(/../g) ?? [])
              .map((b) => parseInt(b, 16))
              .reverse()
              .join('.')
          : hex,
      );
    }
  }
  return found;
}

/** Deploy Starter Stack from the palette onto the deployed stack (namespace starter), through to its summary. */
async function deployFromPalette(page: Page): Promise<void> {
  await runCommand(page, 'Deploy Starter Stack');
  await waitForInputBox(page, 'starter');
  await page.keyboard.press('Enter');
  let next = await nextQuickPick(page, [PREFLIGHT_TITLE, DRY_RUN_TITLE], 'the preflight or the dry run', 120_000);
  if (next === PREFLIGHT_TITLE) {
    // The demo cluster's warnings (no ingress controller, no metrics-server) block nothing.
    await choosePick(page, 'Continue to the dry run');
    next = await nextQuickPick(page, [DRY_RUN_TITLE], 'the dry run', 120_000);
  }
  assert.ok((await quickPickTitle(page))?.startsWith(DRY_RUN_TITLE));
  await choosePick(page, /Apply \d+ change\(s\)/);
}

describe('Open App falls back to a port-forward (UI)', () => {
  const entry = codeServerBeforeAll();

  test(
    'Open App: the Ingress does not answer, the app opens through a port-forward on 127.0.0.1, Stop closes it',
    { timeout: 300_000 },
    () =>
      withDeployedStack('open-app', entry(), async ({ workbench, server }, cluster) => {
        const page = workbench.page;
        const app = await standInFrontend();
        try {
          cluster.routeService('starter', 'frontend', 80, {
            host: '127.0.0.1',
            port: (app.address() as AddressInfo).port,
          });
          await deployFromPalette(page);
          const summary = notification(page, 'Starter Stack deployed to starter-sim/starter');
          await summary.first().waitFor({ timeout: 120_000 });
          const opened = page.context().waitForEvent('page', { timeout: 60_000 });
          await buttonIn(summary.first(), 'Open App').click();

          const fallback = notification(page, 'so the app opens through a port-forward');
          await fallback.first().waitFor({ timeout: 60_000 });
          const said = (await fallback.first().innerText()).replace(/\s+/g, ' ');
          const match =
            /http:\/\/127\.0\.0\.1\.nip\.io\/ does not answer \((.+?)\), so the app opens through a port-forward from 127\.0\.0\.1:(\d+) to the frontend Service: (\S+)/.exec(
              said,
            );
          assert.ok(match, `the fallback message: ${said}`);
          const [, reason, localPort, shownUrl] = match;
          assert.ok(reason, 'the message says why the Ingress URL was not used');
          const port = Number(localPort);
          const tab = await opened;
          await tab.waitForLoadState('domcontentloaded');
          // code-server reaches the forward through its port proxy: asExternalUri's answer, not the server's 127.0.0.1.
          const proxied = `${server.url.replace(/\/$/, '')}/proxy/${port}/`;
          assert.equal(tab.url(), proxied, 'the tab opened the forward through code-server');
          assert.equal(shownUrl, proxied, 'the message shows the URL that opened');
          await until(async () => (await tab.title()) === APP_PAGE || undefined, 'the app page in the new tab', 30_000);
          assert.deepEqual(listeners(port), ['127.0.0.1'], 'the forward listens on 127.0.0.1 only');
          await page.screenshot({ path: join(SCREENSHOTS_DIR, 'open-app-fallback.png') });

          await buttonIn(fallback.first(), 'Stop Port Forward').click();
          await notification(page, `Stopped the port-forward from 127.0.0.1:${port} to the frontend Service.`)
            .first()
            .waitFor({ timeout: 30_000 });
          await until(() => listeners(port).length === 0 || undefined, 'the forward no longer listening', 10_000);
          await tab.close();
        } finally {
          await new Promise((resolve) => app.close(resolve));
        }
      }),
  );
});
