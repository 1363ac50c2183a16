import type { LintConfig, RuleSetting } from '../lint/types';
import { setting } from './settings';

/** The linter's settings, under `starterStack.lint`. */
export interface LintSettings {
  readonly enabled: boolean;
  /** Also check manifests that are not open, and keep their diagnostics after their editor closes. */
  readonly workspace: boolean;
  readonly config: LintConfig;
}

const SETTINGS = new Set<string>(['off', 'error', 'warning', 'info']);

export function readLintSettings(): LintSettings {
  const raw = setting('lint.rules');
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(raw)) {
    if (typeof value === 'string' && SETTINGS.has(value)) rules[id] = value as RuleSetting;
  }
  return { enabled: setting('lint.enabled'), workspace: setting('lint.workspace'), config: { rules } };
}
