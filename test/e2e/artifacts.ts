// What a failed e2e scenario leaves behind under test-results/e2e/<scenario>/, paths printed for the reader.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Workbench } from './browser';
import type { CodeServer } from '../../scripts/codeServer/server';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** The extension under test; STARTER_STACK_E2E_EXTENSION points elsewhere (e.g. a minimal one, for a baseline). */
export const EXTENSION_ROOT = process.env.STARTER_STACK_E2E_EXTENSION ?? REPO_ROOT;
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');
/**
 * Where the scenarios' screenshots go: test-results/screenshots/ on an ordinary run, so a test run leaves the tree
 * clean; docs/screenshots/ (the README's images) only on purpose, with `npm run screenshots`.
 */
export const SCREENSHOTS_DIR =
  process.env.STARTER_STACK_UPDATE_SCREENSHOTS === '1'
    ? join(REPO_ROOT, 'docs', 'screenshots')
    : join(REPO_ROOT, 'test-results', 'screenshots');

/** Saves the screenshot, the browser console, code-server's log and VS Code's logs; returns the paths. */
export async function saveFailureArtifacts(
  scenario: string,
  parts: { workbench?: Workbench; server?: CodeServer },
): Promise<string[]> {
  const dir = join(RESULTS_DIR, scenario);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const saved: string[] = [];
  if (parts.workbench) {
    const screenshot = join(dir, 'failure.png');
    const taken = await parts.workbench.page.screenshot({ path: screenshot, timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (taken) saved.push(screenshot);
    const consoleLog = join(dir, 'browser-console.log');
    writeFileSync(consoleLog, `${parts.workbench.consoleLines.join('\n')}\n`);
    saved.push(consoleLog);
  }
  if (parts.server) {
    if (existsSync(parts.server.serverLog)) {
      cpSync(parts.server.serverLog, join(dir, 'code-server.log'));
      saved.push(join(dir, 'code-server.log'));
    }
    if (existsSync(parts.server.logsDir)) {
      cpSync(parts.server.logsDir, join(dir, 'vscode-logs'), { recursive: true });
      saved.push(...findExtensionHostLogs(join(dir, 'vscode-logs')), join(dir, 'vscode-logs'));
    }
  }
  console.error(
    `e2e ${scenario} failed; kept:\n${saved.map((p) => `  ${relative(process.cwd(), p) || p}`).join('\n')}`,
  );
  return saved;
}

/** `<session>/exthost<N>/remoteexthost.log`: the log to read first when the extension misbehaved. */
function findExtensionHostLogs(logsDir: string): string[] {
  const found: string[] = [];
  for (const session of readdirSync(logsDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const sessionDir = join(logsDir, session.name);
    for (const host of readdirSync(sessionDir).filter((name) => name.startsWith('exthost'))) {
      const log = join(sessionDir, host, 'remoteexthost.log');
      if (existsSync(log)) found.push(log);
    }
  }
  return found;
}
