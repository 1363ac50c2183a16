// The observability panel's own DOM (webview/layout.ts, logView.ts, panels.ts) as the UI scenario reads it, from
// inside the webview frame. When the panel's markup changes, fix the selectors here only.
import type { Frame, Locator } from 'playwright-core';
import { until as pollUntil } from '../support/until';

export const PANEL = {
  counts: '.counts',
  status: '.status',
  query: 'textarea.query',
  filterText: 'input[type="search"]',
  rows: '.log-row:not([hidden])',
  rowText: '.log-row:not([hidden]) .log-text',
  rowSource: '.log-row:not([hidden]) .log-source',
  range: 'select[aria-label="Time range"]',
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

/** The level checkbox labelled `level` (error, warn, info, debug). */
export function levelBox(frame: Frame, level: string): Locator {
  return frame.locator('label.check', { hasText: new RegExp(`^\\s*${level}\\s*$`) }).locator('input');
}

/** A panel in the picker, by its "Dashboard · Panel" label. */
export function panelChoice(frame: Frame, label: string): Locator {
  return frame.locator(PANEL.panelChoice, { hasText: label }).locator('input');
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
