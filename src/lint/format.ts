import { createHash } from 'node:crypto';
import { RULE_METAS } from './rules';
import type { Finding, Range, Severity } from './types';

/** A place in another object the finding points at, 1-based. */
export interface RelatedRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

/** The CLI's JSON record: 1-based lines and columns. */
export interface FindingRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  readonly related?: readonly RelatedRecord[];
}

function span(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A finding as the CLI prints it; `fileOf` names the files of related places (relative to the working folder). */
export function toRecord(
  finding: Finding,
  file: string,
  fileOf: (uri: string) => string = (uri) => uri,
): FindingRecord {
  const related = finding.related?.map((r) => ({ file: fileOf(r.uri), ...span(r.range), message: r.message }));
  return {
    file,
    ...span(finding.range),
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    ...(related?.length ? { related } : {}),
  };
}

export function formatText(records: readonly FindingRecord[]): string[] {
  const lines = records.map((r) => `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.message} [${r.rule}]`);
  const count = (s: Severity) => records.filter((r) => r.severity === s).length;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`);
  return lines;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a SARIF URI reference: `/` separators, each segment percent-encoded. */
export function sarifUri(file: string): string {
  const path = file.split('\\').join('/');
  const absolute = /^[A-Za-z]:\//.test(path) ? `/${path}` : path;
  const encoded = absolute
    .split('/')
    .map((segment, i) => (i === 1 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  return absolute.startsWith('/') ? `file://${encoded}` : encoded;
}

function physical(file: string, r: { line: number; column: number; endLine: number; endColumn: number }): unknown {
  return {
    physicalLocation: {
      artifactLocation: { uri: sarifUri(file) },
      region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
    },
  };
}

/** Stable across runs where only line numbers move: rule, file, message and the how-many-th such finding. */
function fingerprints(records: readonly FindingRecord[]): string[] {
  const seen = new Map<string, number>();
  return records.map((r) => {
    const key = `${r.rule}\u0000${r.file}\u0000${r.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32)}:${n}`;
  });
}

/** SARIF 2.1.0, as GitHub code scanning and other CI viewers read it. */
export function formatSarif(records: readonly FindingRecord[]): unknown {
  const prints = fingerprints(records);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'starter-stack lint',
            rules: RULE_METAS.map((m) => ({
              id: m.id,
              shortDescription: { text: m.title },
              fullDescription: { text: m.docs },
              help: { text: `${m.title}. ${m.docs}`, markdown: `**${m.title}**\n\n${m.docs}` },
              defaultConfiguration: { level: SARIF_LEVEL[m.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: records.map((r, i) => ({
          ruleId: r.rule,
          level: SARIF_LEVEL[r.severity],
          message: { text: r.message },
          locations: [physical(r.file, r)],
          ...(r.related?.length
            ? {
                relatedLocations: r.related.map((l, id) => ({
                  id,
                  message: { text: l.message },
                  ...(physical(l.file, l) as object),
                })),
              }
            : {}),
          partialFingerprints: { 'starterStack/v1': prints[i] },
        })),
      },
    ],
  };
}
