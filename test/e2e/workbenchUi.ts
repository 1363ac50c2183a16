// Driving the workbench as a person does: the command palette, quick inputs, the Explorer, editor tabs.
// Selectors are VS Code 1.100's DOM (code-server 4.100.3); when an upgrade breaks one, fix it here only.
import type { Frame, Locator, Page } from 'playwright-core';
import { until } from '../support/until';

const QUICK_INPUT = '.quick-input-widget';
const STEP_TIMEOUT_MS = 30_000;

/**
 * F1, type the command's palette title, wait until it is the highlighted entry; Enter is left to the caller.
 * A development extension's commands reach the palette only once its host has scanned it, and an open palette
 * does not refresh, so it closes and asks again until the entry shows.
 */
export async function findInCommandPalette(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const entry = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`, { hasText: title });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await page.keyboard.type(title);
    const shown = await entry.waitFor({ state: 'visible', timeout: 5000 }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (Date.now() > deadline)
      throw new Error(`the command palette does not offer "${title}" after ${timeoutMs / 1000} s`);
    await page.keyboard.press('Escape');
  }
}

/** Runs a command from the palette by its title, as a person does (F1, the title, Enter). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await findInCommandPalette(page, title);
  await page.keyboard.press('Enter');
}

/** The title of the quick pick on screen, or undefined when none is. */
export async function quickPickTitle(page: Page): Promise<string | undefined> {
  const widget = page.locator(QUICK_INPUT);
  if (!(await widget.isVisible().catch(() => false))) return undefined;
  return (
    await widget
      .locator('.quick-input-title')
      .innerText({ timeout: 1000 })
      .catch(() => '')
  ).trim();
}

/** Waits for the next quick pick whose title starts with one of `titles`; returns which. */
export async function nextQuickPick(
  page: Page,
  titles: readonly string[],
  what: string,
  timeoutMs: number,
): Promise<string> {
  return until(
    async () => {
      const title = await quickPickTitle(page);
      return titles.find((t) => title?.startsWith(t));
    },
    what,
    timeoutMs,
  );
}

/** A row of the quick pick on screen. */
export function pickRow(page: Page, text: string | RegExp): Locator {
  return page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: text });
}

/** Clicks a row of the quick pick and waits until that quick pick has closed. */
export async function choosePick(page: Page, text: string | RegExp): Promise<void> {
  const row = pickRow(page, text).first();
  await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await row.click();
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** A row of the Starter Stack view (any side-bar tree's row) holding `text`. */
export function treeRow(page: Page, text: string | RegExp): Locator {
  return page.locator('.pane-body .monaco-list-row', { hasText: text });
}

/** Shows the Starter Stack view from the palette; with `ready`, waits until its stack row reads it (`stack · 12/12 ready`). */
export async function showStarterStack(page: Page, ready?: string | RegExp, timeoutMs = 60_000): Promise<void> {
  await runCommand(page, 'View: Show Starter Stack');
  if (ready !== undefined) await treeRow(page, ready).first().waitFor({ timeout: timeoutMs });
}

/** Waits for an input box (not a pick list) showing `value`, the default the extension offers. */
export async function waitForInputBox(page: Page, value: string): Promise<void> {
  const input = page.locator(`${QUICK_INPUT}:not(.show-checkboxes) .quick-input-box input`);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await input.isVisible()) ? await input.inputValue({ timeout: 1000 }).catch(() => '') : '(no input box)';
    if (seen === value) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`expected an input box showing "${value}", last saw "${seen}"`);
}

/** Waits for a multi-select quick pick and returns how many items are ticked (its "N Selected" badge). */
export async function waitForMultiSelect(page: Page): Promise<number> {
  const widget = page.locator(`${QUICK_INPUT}.show-checkboxes`);
  await widget.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await widget
    .locator('.quick-input-list .monaco-list-row')
    .first()
    .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const badge = (await widget.locator('.quick-input-count').textContent()) ?? '';
  return Number.parseInt(badge, 10) || 0;
}

/** The Explorer row of a file or folder, by its name. */
export function explorerItem(page: Page, name: string): Locator {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
}

/** The active editor tab of the file `name`. */
export function activeEditorTab(page: Page, name: string): Locator {
  return page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`);
}

/** A notification toast whose message contains `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast', { hasText: text });
}

/** An editor tab by the start of its label (a webview panel's tab carries its title). */
export function editorTab(page: Page, label: string): Locator {
  return page.locator('.tabs-container .tab', { hasText: label });
}

/** Quick Open (Ctrl+P): opens a workspace file by name in the active editor group. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await page.keyboard.type(name);
  await page
    .locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`, { hasText: name })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  // The file may be open in two groups (beside a panel): either active tab will do.
  await activeEditorTab(page, name).first().waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * The frame of an open webview whose document contains `selector`. A webview is two nested iframes: the host
 * frame (VS Code's pre/index.html, which relays messages) and its `#active-frame` holding the extension's HTML.
 */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached() || frame === page.mainFrame()) continue;
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} after ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
}

/** The body class VS Code gives webviews per theme kind (the workbench's own: vs, vs-dark, hc-black). */
export const WEBVIEW_THEME_CLASS = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
} as const;

/**
 * Right-clicks `row` and chooses `label` from its context menu (VS Code draws the menu in a shadow root). A click can
 * go unheeded while the row re-renders under the open menu (its icon changing): the menu then stays open, and the
 * item is clicked again until the menu closes.
 */
export async function chooseFromContextMenu(page: Page, row: Locator, label: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item .action-label', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await until(
    async () => {
      if (!(await item.isVisible())) return true;
      await item.click({ timeout: 5000 }).catch(() => undefined);
      return item.waitFor({ state: 'hidden', timeout: 2000 }).then(
        () => true,
        () => false,
      );
    },
    `the context menu closed after choosing "${label}"`,
    STEP_TIMEOUT_MS,
  );
}

/** The start of what a Cluster view row action says when VS Code did not pass it its row (src/editor/tree/lostRow.ts). */
export const LOST_ROW = 'The Cluster view was redrawing that row';

/** Closes the lost-row toast (its close button shows on hover) and waits until it is gone. */
export async function dismissLostRow(page: Page): Promise<void> {
  const toast = notification(page, LOST_ROW).first();
  if (await toast.isVisible()) {
    await toast.hover();
    await toast.locator('.codicon-notifications-clear').click();
  }
  await toast.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Chooses `label` from `row`'s context menu until `outcome` shows, as a user would: a row redrawn by a live update
 * while its menu is open reaches the action as `undefined` (microsoft/vscode#144250), the action says so and does
 * nothing, and the user chooses again. Any row whose status is changing (a probe failing, a rollout, replicas
 * scaling) can lose its menu choice this way, so every menu choice the outcome of which is on screen goes through
 * here. Fails after `attempts` lost rows in a row, or when neither the outcome nor the lost-row message shows.
 */
export async function chooseRowAction(
  page: Page,
  row: Locator | (() => Locator | Promise<Locator>),
  label: string,
  outcome: Locator,
  { timeoutMs = STEP_TIMEOUT_MS, attempts = 3 } = {},
): Promise<void> {
  const lost = notification(page, LOST_ROW).first();
  for (let attempt = 1; ; attempt++) {
    await chooseFromContextMenu(page, typeof row === 'function' ? await row() : row, label);
    const seen = await until(
      async () => ((await outcome.first().isVisible()) ? 'outcome' : (await lost.isVisible()) && 'lost row'),
      `"${label}" to show its outcome (or the lost-row message)`,
      timeoutMs,
      100,
    );
    if (seen === 'outcome') return;
    if (attempt >= attempts) throw new Error(`"${label}" lost its row ${attempts} times in a row`);
    console.log(`"${label}" lost its row (attempt ${attempt}); choosing again`);
    await dismissLostRow(page);
  }
}

/** A modal dialog (`showWarningMessage(..., { modal: true })`) whose message contains `text`. */
export function modalDialog(page: Page, text: string): Locator {
  return page.locator('.monaco-dialog-box', { hasText: text });
}

/** A button of a dialog or a notification toast, by its label. */
export function buttonIn(container: Locator, label: string): Locator {
  return container.locator('.monaco-button', { hasText: label });
}

/** The text the active editor shows (Monaco's rendered lines: only those in view). */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return (await lines.innerText({ timeout: STEP_TIMEOUT_MS })).replace(/\u00a0/g, ' ');
}

/**
 * Clicks a tree row's twistie until the row says it is expanded: rows come and go as others load (a Job's pod, a
 * workload's children), and a click can land on the row that moved under the pointer.
 */
export async function expandRow(page: Page, row: Locator, what: string): Promise<void> {
  const expanded = async () => (await row.getAttribute('aria-expanded')) === 'true';
  await until(
    async () => {
      if (await expanded()) return true;
      await row.locator('.monaco-tl-twistie').click();
      await page.waitForTimeout(1000);
      return expanded();
    },
    `${what} expanded`,
    30_000,
  );
}
