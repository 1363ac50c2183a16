import { parseDocument } from 'yaml';
import { own } from '../util/own';
import { describeYamlError } from '../util/yamlError';
import { list, rec, str } from './access';
import type { LintConfig, RuleSetting } from './types';

/** Where a workspace keeps the team's lint configuration, read by both the editor and the CLI. */
import { CONFIG_FILE } from './configFile';

export { CONFIG_FILE };

const SETTINGS = new Set<string>(['off', 'error', 'warning', 'info']);

export interface WorkspaceLintConfig {
  readonly config: LintConfig;
  /** Globs relative to the workspace folder (`legacy/**`, `*.generated.yaml`): matching files are not linted. */
  readonly ignore: readonly string[];
  /** One line per thing the file gets wrong; the rest of the file still applies. */
  readonly problems: readonly string[];
}

/**
 * Reads `.starter-stack/lint.yaml`:
 * ```yaml
 * rules:
 *   image-tag: off
 *   run-as-non-root: error
 * ignore:
 *   - legacy/**
 * ```
 */
export function parseConfigFile(text: string, knownRules: readonly string[]): WorkspaceLintConfig {
  const doc = parseDocument(text, { logLevel: 'silent' });
  // Where and what, never the parser's message (it quotes the file's text), as for every YAML error we print.
  const problems = doc.errors.map((e) => `${CONFIG_FILE}: ${describeYamlError(e, text)}`);
  let value: Record<string, unknown> = {};
  try {
    value = rec(doc.toJS({ maxAliasCount: 10 }) as unknown) ?? {};
  } catch {
    problems.push(`${CONFIG_FILE}: too many or unresolved aliases`);
  }
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rec(value.rules) ?? {})) {
    const text = setting === false ? 'off' : str(setting);
    if (!knownRules.includes(id)) problems.push(`${CONFIG_FILE}: unknown rule "${id}"`);
    else if (text === undefined || !SETTINGS.has(text))
      problems.push(`${CONFIG_FILE}: rule "${id}" wants off, error, warning or info`);
    else rules[id] = text as RuleSetting;
  }
  const ignore = list(value.ignore).flatMap((g) =>
    typeof g === 'string' && g !== '' ? [g] : (problems.push(`${CONFIG_FILE}: ignore entries are glob strings`), []),
  );
  return { config: { rules }, ignore, problems };
}

/** Settings layered: later ones win rule by rule. */
export function mergeConfigs(...configs: readonly LintConfig[]): LintConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const config of configs)
    for (const id of Object.keys(config.rules ?? {})) rules[id] = own(config.rules ?? {}, id) as RuleSetting;
  return { rules };
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches at any depth, as .gitignore does; a folder pattern matches what is inside.
  return new RegExp(`^${glob.includes('/') ? '' : '(?:.*/)?'}${source}(?:/.*)?$`);
}

/** True when a path relative to the workspace folder matches one of the ignore globs. */
export function isIgnored(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => globToRegExp(g.replace(/^\.?\//, '')).test(path));
}
