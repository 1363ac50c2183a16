// The observability panel's own DOM (webview/layout.ts, logView.ts, panels.ts) as the UI scenario reads it, from
// inside the webview frame. When the panel's markup changes, fix the selectors here only.
import type { Frame, Locator } from 'playwright-core';

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

/** Polls `check` (no fixed sleeps to assert on); fails with `what` and the last value seen. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
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
  return hostFrame.evaluate(`(() => { for (const message of ${JSON.stringify(messages)}) window.__vscode_post_message__('onmessage', { message }); })()`);
}
