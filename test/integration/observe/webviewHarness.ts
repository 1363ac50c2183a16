// Runs the real webview bundle in headless Chromium behind the real panel HTML (same CSP), with a stand-in
// for VS Code's webview API that forwards to the real PanelController — the pipeline minus the editor.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { PanelController } from '../../../src/editor/panel/controller';
import { panelHtml } from '../../../src/editor/panel/html';
import { receiveFromWebview } from '../../../src/editor/panel/receive';
import type { ObserveServices, PanelHost, PanelSettings } from '../../../src/editor/panel/services';
import type { Scope } from '../../../src/observe/model';
import type { ToWebview } from '../../../src/protocol/protocol';

import { recordingLogger } from '../../support/logger';
import { CHROMIUM_FLAGS, requireTool, TOOLS } from '../../support/tools';
const FLAGS = [...CHROMIUM_FLAGS, '--enable-precise-memory-info'];

/** A few of the variables VS Code injects into webviews, per theme kind (values from the default themes). */
const THEMES: Record<'dark' | 'light' | 'high-contrast', Record<string, string>> = {
  dark: {
    foreground: '#cccccc',
    'editor-background': '#1f1f1f',
    descriptionForeground: '#9d9d9d',
    'input-background': '#313131',
    'input-foreground': '#cccccc',
    'input-border': '#3c3c3c',
    'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc',
    errorForeground: '#f85149',
    'editorWarning-foreground': '#cca700',
    'list-hoverBackground': '#2a2d2e',
    'list-activeSelectionBackground': '#04395e',
    'list-activeSelectionForeground': '#ffffff',
    'terminal-ansiBlue': '#2472c8',
    'terminal-ansiGreen': '#0dbc79',
    'terminal-ansiMagenta': '#bc3fbc',
    'terminal-ansiCyan': '#11a8cd',
    'terminal-ansiYellow': '#e5e510',
    'charts-foreground': '#cccccc',
    'charts-lines': 'rgba(204,204,204,0.3)',
    'charts-blue': '#3794ff',
    'charts-green': '#89d185',
    'panel-border': '#2b2b2b',
    focusBorder: '#0078d4',
    'textCodeBlock-background': '#2b2b2b',
  },
  light: {
    foreground: '#3b3b3b',
    'editor-background': '#ffffff',
    descriptionForeground: '#717171',
    'input-background': '#ffffff',
    'input-foreground': '#3b3b3b',
    'input-border': '#cecece',
    'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b',
    errorForeground: '#a1260d',
    'editorWarning-foreground': '#bf8803',
    'list-hoverBackground': '#f2f2f2',
    'list-activeSelectionBackground': '#e8e8e8',
    'list-activeSelectionForeground': '#000000',
    'terminal-ansiBlue': '#0451a5',
    'terminal-ansiGreen': '#00bc00',
    'terminal-ansiMagenta': '#bc05bc',
    'terminal-ansiCyan': '#0598bc',
    'terminal-ansiYellow': '#949800',
    'charts-foreground': '#616161',
    'charts-lines': 'rgba(97,97,97,0.3)',
    'charts-blue': '#1a85ff',
    'charts-green': '#388a34',
    'panel-border': '#e5e5e5',
    focusBorder: '#005fb8',
    'textCodeBlock-background': '#f8f8f8',
  },
  'high-contrast': {
    foreground: '#ffffff',
    'editor-background': '#000000',
    descriptionForeground: '#ffffff',
    'input-background': '#000000',
    'input-foreground': '#ffffff',
    'input-border': '#6fc3df',
    'button-secondaryBackground': '#000000',
    'button-secondaryForeground': '#ffffff',
    'button-border': '#6fc3df',
    errorForeground: '#f48771',
    'editorWarning-foreground': '#ffd370',
    'list-activeSelectionBackground': '#000000',
    'terminal-ansiBlue': '#2472c8',
    'terminal-ansiGreen': '#0dbc79',
    'charts-foreground': '#ffffff',
    'charts-blue': '#3794ff',
    'panel-border': '#6fc3df',
    focusBorder: '#f38518',
    'textCodeBlock-background': '#000000',
  },
};

export type ThemeKind = keyof typeof THEMES;

function themeCss(kind: ThemeKind): string {
  const vars = Object.entries(THEMES[kind])
    .map(([k, v]) => `--vscode-${k}: ${v};`)
    .join(' ');
  return `:root { ${vars} --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace; --vscode-editor-font-size: 12px; }`;
}

export interface WebviewHarness {
  readonly page: Page;
  readonly controller: PanelController;
  /** Messages the webview sent (after validation by the host). */
  readonly fromWebview: unknown[];
  readonly logged: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  scope: Scope;
  services: ObserveServices;
  settings: PanelSettings;
  theme?: ThemeKind;
  frameOrigin?: string | null;
  browser: Browser;
  viewport?: { width: number; height: number };
}

async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: ['webview/main.ts'],
    bundle: true,
    outfile: join(dir, 'webview.js'),
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
}

function serve(dir: string, theme: ThemeKind, html: () => string): Promise<http.Server> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html());
    if (path === '/theme.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(themeCss(theme));
    const file = path === '/panel.css' ? 'media/webview/panel.css' : join(dir, path.slice(1));
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: requireTool(TOOLS.chromium), args: FLAGS });
}

/** Serves the bundle, opens it, and connects it to a PanelController through a fake `acquireVsCodeApi`. */
export async function openWebview(options: HarnessOptions): Promise<WebviewHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'starter-webview-'));
  await bundle(dir);
  const log = recordingLogger();
  const logged = log.lines;
  let origin = '';
  const server = await serve(dir, options.theme ?? 'dark', () =>
    panelHtml({
      cspSource: origin,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: `${origin}/webview.js`,
      styleUris: [`${origin}/theme.css`, `${origin}/webview.css`, `${origin}/panel.css`],
      frameOrigin: options.frameOrigin ?? null,
      title: 'Observe',
    }),
  );
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const page = await options.browser.newPage({ viewport: options.viewport ?? { width: 1000, height: 800 } });
  const host: PanelHost = {
    theme: () => (options.theme === 'light' ? 'light' : 'dark'),
    copy: () => Promise.resolve(),
    openExternal: () => Promise.resolve(),
    externalUrl: (u) => Promise.resolve(u),
  };
  // VS Code hands a message to the webview as a window message: a JSON text crosses its IPC and the page gets a
  // structured clone. Here the JSON text goes in as a string literal of one CDP Runtime.evaluate, and the page parses
  // and posts it to itself. Not page.evaluate(fn, json): Playwright's marshalling of that string argument cost the
  // page's main thread 30-70 ms per 100-400 kB message (Chrome tracing), 3-10 times this way; VS Code has no such
  // cost, and the benchmark counted it against the panel.
  const cdp = await page.context().newCDPSession(page);
  const post = async (message: ToWebview) => {
    const expression = `window.postMessage(JSON.parse(${JSON.stringify(JSON.stringify(message))}), '*')`;
    const answer = await cdp
      .send('Runtime.evaluate', { expression })
      .catch((e: unknown) => void logged.push(String(e)));
    if (answer?.exceptionDetails) logged.push(`post failed: ${answer.exceptionDetails.text}`);
    return true;
  };
  const controller = new PanelController(options.scope, options.services, host, options.settings, post, log);
  const fromWebview: unknown[] = [];
  await page.exposeFunction('__toHost', (m: unknown) => {
    fromWebview.push(m);
    void receiveFromWebview(m, (checked) => controller.handle(checked), log);
  });
  // A string, not a function: tsx would compile a function with helpers (__name) the page does not have.
  await page.addInitScript(`(() => {
    let saved;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__toHost(m), getState: () => saved, setState: (s) => { saved = s; } });
  })();`);
  await page.goto(`${origin}/`);
  return {
    page,
    controller,
    fromWebview,
    logged,
    close: async () => {
      controller.dispose();
      await page.close();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the panel, runs `body` with it, and closes it whether `body` passed or threw. */
export async function withPanel<T>(options: HarnessOptions, body: (h: WebviewHarness) => Promise<T>): Promise<T> {
  const h = await openWebview(options);
  try {
    return await body(h);
  } finally {
    await h.close();
  }
}
