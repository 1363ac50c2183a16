import { RULE_METAS } from './rules';
import type { Finding, Severity } from './types';

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
}

export function toRecord(finding: Finding, file: string): FindingRecord {
  const { start, end } = finding.range;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
  };
}

export function formatText(records: readonly FindingRecord[]): string[] {
  const lines = records.map((r) => `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.message} [${r.rule}]`);
  const count = (s: Severity) => records.filter((r) => r.severity === s).length;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`);
  return lines;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, as GitHub code scanning and other CI viewers read it. */
export function formatSarif(records: readonly FindingRecord[]): unknown {
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
              defaultConfiguration: { level: SARIF_LEVEL[m.defaultSeverity] },
            })),
          },
        },
        results: records.map((r) => ({
          ruleId: r.rule,
          level: SARIF_LEVEL[r.severity],
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file.split('\\').join('/') },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
