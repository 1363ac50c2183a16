// The real programs the tests run (Debian's packages), found through PATH or an environment variable. A missing one
// fails the test with the package to install, never a silent skip: `npm test` installs them (scripts/system-deps.mjs).
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

interface Tool {
  /** The program's name on PATH. */
  readonly binary: string;
  /** The Debian package that ships it. */
  readonly pkg: string;
  /** An environment variable that may name the program (or its folder, for PostgreSQL) instead. */
  readonly env: string;
  /** Folders outside PATH where Debian puts it. */
  readonly alsoIn?: () => string[];
}

/** Chromium flags that behave on these machines (TESTING.md); Playwright adds a fresh profile folder itself. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const TOOLS = {
  chromium: { binary: 'chromium', pkg: 'chromium', env: 'STARTER_STACK_CHROMIUM' },
  prometheus: { binary: 'prometheus', pkg: 'prometheus', env: 'STARTER_STACK_PROMETHEUS' },
  nodeExporter: {
    binary: 'prometheus-node-exporter',
    pkg: 'prometheus-node-exporter',
    env: 'STARTER_STACK_NODE_EXPORTER',
  },
  promtool: { binary: 'promtool', pkg: 'prometheus', env: 'STARTER_STACK_PROMTOOL' },
  kubectl: {
    binary: 'kubectl',
    pkg: 'kubectl (https://kubernetes.io/docs/tasks/tools/)',
    env: 'STARTER_STACK_KUBECTL',
  },
  go: { binary: 'go', pkg: 'golang-go', env: 'STARTER_STACK_GO' },
  nginx: { binary: 'nginx', pkg: 'nginx-light', env: 'STARTER_STACK_NGINX', alsoIn: () => ['/usr/sbin'] },
  /** PostgreSQL's server programs live outside PATH, in /usr/lib/postgresql/<version>/bin; the newest wins. */
  pgCtl: { binary: 'pg_ctl', pkg: 'postgresql', env: 'STARTER_STACK_PG_BIN', alsoIn: postgresBinDirs },
} as const satisfies Record<string, Tool>;

function postgresBinDirs(): string[] {
  try {
    return readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join('/usr/lib/postgresql', v, 'bin'));
  } catch {
    return [];
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The tool's absolute path, or undefined. */
export function findTool(tool: Tool): string | undefined {
  const named = process.env[tool.env];
  if (named) return [named, join(named, tool.binary)].find((p) => executable(p) && !p.endsWith('/'));
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...(tool.alsoIn?.() ?? [])];
  return dirs.map((d) => join(d, tool.binary)).find(executable);
}

/** The tool's absolute path; throws an error naming the package (and the variable) when it is missing. */
export function requireTool(tool: Tool): string {
  const found = findTool(tool);
  if (found) return found;
  throw new Error(
    `${tool.binary} not found on PATH: install the Debian package ${tool.pkg} (npm test does, as root), or set ${tool.env}`,
  );
}
