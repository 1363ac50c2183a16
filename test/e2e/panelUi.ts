// The observability panel's own DOM (webview/layout.ts, logView.ts, panels.ts) as the UI scenario reads it, from
// inside the webview frame. When the panel's markup changes, fix the selectors here only. The controls are
// @vscode-elements web components: Playwright's CSS selectors pierce their (open) shadow roots.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './artifacts';
import { editorTab, runCommand, webviewFrame } from './workbenchUi';
import { until as pollUntil } from '../support/until';

export const PANEL = {
  counts: '.counts',
  status: '.status',
  query: '.query textarea',
  filterText: '.filter-text input',
  viewport: '.log-viewport',
  detail: '.detail',
  rows: '.log-row:not([hidden])',
  rowText: '.log-row:not([hidden]) .log-text',
  rowSource: '.log-row:not([hidden]) .log-source',
  range: 'vscode-single-select#range',
  pods: 'vscode-single-select#pods',
  explore: 'vscode-button#explore',
  announcer: '.logs > [aria-live="polite"]',
  tableToggle: '.table-toggle',
  chartTable: '.chart-table',
  panelNote: '.panel-note',
  panelChoice: '.panel-choice',
  iframe: '.panel iframe',
  panelReason: '.panel-reason',
  chart: '.chart',
  chartCanvas: '.chart canvas',
  legendLabels: '.u-legend .u-series th',
} as const;

/** The page's polls: test/support/until with a page's patience (30 s, every 200 ms). */
export const until = <T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> => pollUntil(check, what, timeoutMs, 200);

/**
 * Starter Stack: Open Observability Panel from the palette; waits for its tab (`Observe: <scope>`) and returns the
 * webview frame that holds the panel, once its log list is there.
 */
export async function openObservabilityPanel(page: Page, scope: string): Promise<Frame> {
  await runCommand(page, 'Starter Stack: Open Observability Panel');
  await editorTab(page, `Observe: ${scope}`).waitFor({ timeout: 30_000 });
  return webviewFrame(page, PANEL.viewport);
}

/** The "N lines" counter the panel shows. */
export async function lineCount(frame: Frame): Promise<number> {
  const text = await frame.locator(PANEL.counts).innerText({ timeout: 5000 });
  const match = /^([\d,]+) lines/.exec(text);
  if (!match) throw new Error(`the counter reads "${text}"`);
  return Number(match[1]!.replace(/,/g, ''));
}

export function statusText(frame: Frame): Promise<string> {
  return frame.locator(PANEL.status).innerText({ timeout: 5000 });
}

/** The text of the log rows on screen (the list is virtualized: only these exist). */
export function shownLines(frame: Frame): Promise<string[]> {
  return frame.locator(PANEL.rowText).allInnerTexts();
}

/** Where the panel's DOM is: the webview frame in code-server, or the page of the integration harness. */
type PanelDom = Pick<Frame | Page, 'locator'>;

/** A checkbox of the panel by its id: follow, timestamps, wrap, regex, level-error … */
export function checkbox(dom: PanelDom, id: string): Locator {
  return dom.locator(`vscode-checkbox#${id}`);
}

/** The level checkbox `level` (error, warn, info, debug). */
export function levelBox(dom: PanelDom, level: string): Locator {
  return checkbox(dom, `level-${level}`);
}

/** A panel in the picker, by (part of) its "Dashboard · Panel" label. */
export function panelChoice(dom: PanelDom, label: string): Locator {
  return dom.locator(`${PANEL.panelChoice}[label*=${JSON.stringify(label)}]`);
}

export function isChecked(box: Locator): Promise<boolean> {
  return box.evaluate((el) => (el as unknown as { checked: boolean }).checked);
}

/** Ticks or unticks a vscode-checkbox as a user does, by clicking its label, and waits until it shows the state. */
export async function setChecked(box: Locator, on: boolean): Promise<void> {
  if ((await isChecked(box)) !== on) await box.locator('label').click();
  await until(async () => (await isChecked(box)) === on, `the checkbox ${on ? 'ticked' : 'unticked'}`, 5000);
}

/** Opens a vscode-single-select and clicks the option showing `label`, as a user does; waits until it is chosen. */
export async function chooseOption(dom: PanelDom, select: string, label: string): Promise<void> {
  const element = dom.locator(select);
  const chosen = () =>
    element.evaluate((el) => {
      const s = el as unknown as { options: { label: string }[]; selectedIndex: number };
      return s.options[s.selectedIndex]?.label ?? '';
    });
  await element.click();
  await element.locator('li[role="option"]', { hasText: label }).first().click();
  await until(async () => (await chosen()).includes(label), `"${label}" chosen in ${select}`, 5000);
}

/**
 * How many pixels of each native chart's canvas are drawn in the theme's first series colour
 * (--vscode-charts-blue): a series line, not just axes and grid, is on screen. Browser code as a string: the
 * tests compile without the DOM library.
 */
export function seriesPixels(frame: Frame): Promise<number[]> {
  return frame.evaluate<number[]>(`(() => {
    const hex = getComputedStyle(document.body).getPropertyValue('--vscode-charts-blue').trim() || '#3794ff';
    const rgb = hex.length === 4 ? [1, 2, 3].map((i) => parseInt(hex[i] + hex[i], 16)) : [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return [...document.querySelectorAll('.chart canvas')].map((canvas) => {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let hits = 0;
      for (let p = 0; p < data.length; p += 4) {
        if (data[p + 3] > 200 && Math.abs(data[p] - rgb[0]) < 40 && Math.abs(data[p + 1] - rgb[1]) < 40 && Math.abs(data[p + 2] - rgb[2]) < 40) hits++;
      }
      return hits;
    });
  })()`);
}

/** Posts raw messages through VS Code's webview relay (the host frame), as a webview script would. */
export function postFromWebview(hostFrame: Frame, messages: readonly unknown[]): Promise<void> {
  return hostFrame.evaluate(
    `(() => { for (const message of ${JSON.stringify(messages)}) window.__vscode_post_message__('onmessage', { message }); })()`,
  );
}

/** One axe-core finding, as the scenario reports it. */
export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

const AXE_SOURCE = join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Runs axe-core inside the panel's own document (the webview frame in code-server), with its default rules, and
 * returns every violation. The source goes in through the debugger protocol, which the webview's CSP does not govern.
 */
export async function axeViolations(frame: Frame): Promise<AxeFinding[]> {
  if (!existsSync(AXE_SOURCE)) throw new Error(`axe-core (npm package axe-core) is missing: ${AXE_SOURCE}`);
  if (!(await frame.evaluate<boolean>('typeof window.axe === "object"')))
    await frame.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  return frame.evaluate<AxeFinding[]>(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')) })))`);
}

/** The id (or tag) of the control that has the keyboard focus in the panel. Browser code as a string (no DOM lib). */
export function focusedControl(frame: Frame): Promise<string> {
  return frame.evaluate<string>(
    '(() => { const el = document.activeElement; return el ? el.id || el.className || el.tagName.toLowerCase() : ""; })()',
  );
}

/** The outline style a focused control shows: its own, or its shadow root's focus indicator (.icon of a checkbox). */
export function focusRing(control: Locator): Promise<string> {
  return control.evaluate((el) => {
    const host = el as unknown as { shadowRoot: { querySelector(s: string): unknown } | null };
    const target = host.shadowRoot?.querySelector('.icon') ?? el;
    return (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(
      target,
    ).outlineStyle;
  });
}

/**
 * Selects, by keyboard as a user does, the log row nearest the middle of the view whose text holds `text`: the
 * first arrow key selects the middle line and stops following, further ones move the selection up. The selection
 * is the line itself, not a place on screen, so rows moving (new lines, a chart resizing the list) cannot change
 * what is selected. Returns the text of the selected row once the list shows it selected.
 */
export async function selectRowByKeyboard(dom: PanelDom & Pick<Page, 'keyboard'>, text: string): Promise<string> {
  await dom.locator(PANEL.viewport).focus();
  const selectedText = dom.locator(`${PANEL.rows}.selected .log-text`);
  for (let press = 0; press < 20; press++) {
    await dom.keyboard.press('ArrowUp');
    const shown = await until(
      async () => ((await selectedText.count()) === 1 ? selectedText.innerText() : undefined),
      'a log row shown selected',
      5000,
    );
    if (shown.includes(text)) return shown;
  }
  throw new Error(`no log row with "${text}" within 20 lines above the middle of the view`);
}
