import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { LintEngine, type LintEngineOptions } from './engine';
import type { Finding, Range } from './types';

export { findHelm } from './helmBinary';

/** How long `helm template` may take before it is stopped (a chart with remote dependencies can hang). */
export const HELM_TIMEOUT_MS = 60_000;

export type RenderResult = { ok: true; output: string } | { ok: false; message: string };

/** Runs `helm template <chart>`, stopped by the timeout or the signal; a failure is helm's first stderr line. */
export function renderChart(
  helm: string,
  chartDir: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<RenderResult> {
  return new Promise((resolve) => {
    execFile(
      helm,
      ['template', chartDir],
      { timeout: options.timeoutMs ?? HELM_TIMEOUT_MS, signal: options.signal, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, output: stdout });
        const cause = error as NodeJS.ErrnoException & { killed?: boolean };
        if (cause.name === 'AbortError') return resolve({ ok: false, message: 'cancelled' });
        if (cause.killed)
          return resolve({
            ok: false,
            message: `helm template took longer than ${options.timeoutMs ?? HELM_TIMEOUT_MS} ms`,
          });
        const line = stderr.split('\n').find((l) => l.trim()) ?? error.message;
        resolve({ ok: false, message: line.trim() });
      },
    );
  });
}

/** One template's part of the rendered output: its `# Source: <chart>/templates/x.yaml` and lines (0-based, end exclusive). */
export interface RenderedSection {
  /** The template's path inside the chart, `templates/x.yaml`. */
  readonly template: string;
  readonly start: number;
  readonly end: number;
}

const SOURCE = /^# Source: [^/]+\/(.+?)\s*$/;

export function renderedSections(output: string): RenderedSection[] {
  const lines = output.split('\n');
  const sections: { template: string; start: number; end: number }[] = [];
  lines.forEach((line, i) => {
    const source = SOURCE.exec(line);
    if (!source?.[1]) return;
    const last = sections.at(-1);
    if (last) last.end = i;
    sections.push({ template: source[1], start: i, end: lines.length });
  });
  return sections;
}

/**
 * The template line a rendered line came from, when the template shows it: the same line, else the same key (the
 * text before `:`), found once in the template. Otherwise the template's first line.
 */
export function templateLine(rendered: string, template: string): number {
  const lines = template.split('\n');
  const once = (match: (l: string) => boolean) => {
    const found = lines.flatMap((l, i) => (match(l) ? [i] : []));
    return found.length === 1 ? found[0] : undefined;
  };
  const text = rendered.trim();
  const key = /^(\s*-?\s*[\w.-]+:)/.exec(rendered)?.[1];
  return (
    (text ? once((l) => l.trim() === text) : undefined) ??
    (key ? once((l) => l.startsWith(key) && !l.trimStart().startsWith('#')) : undefined) ??
    0
  );
}

/** A finding of the rendered output, placed on the chart's template it came from. */
export interface TemplateFinding {
  /** Absolute path of the template file. */
  readonly file: string;
  readonly finding: Finding;
}

const lineRange = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 0 } });

/**
 * Lints `helm template`'s output as one application (the chart's objects meet one another) and maps each finding
 * to its template by the `# Source:` comments. `readTemplate` gives a template's text (undefined: unreadable).
 */
export function lintRendered(
  chartDir: string,
  output: string,
  readTemplate: (path: string) => string | undefined,
  options: LintEngineOptions = {},
): TemplateFinding[] {
  const uri = join(chartDir, '.helm-rendered.yaml');
  const engine = new LintEngine(options);
  engine.setFile(uri, output);
  const sections = renderedSections(output);
  const lines = output.split('\n');
  return engine.lintFile(uri).flatMap((finding) => {
    const at = finding.range.start.line;
    const section = sections.find((s) => at >= s.start && at < s.end);
    if (!section) return [];
    const file = join(chartDir, section.template);
    const template = readTemplate(file);
    const line = template === undefined ? 0 : templateLine(lines[at] ?? '', template);
    const message = `${finding.message.replace(/\.$/, '')} (helm template output, line ${at - section.start}).`;
    // Related places and quick fixes point into the rendered text, which is nowhere on disk: dropped.
    const { related: _related, fixes: _fixes, ...rest } = finding;
    return [{ file, finding: { ...rest, uri: file, range: lineRange(line), message } }];
  });
}
