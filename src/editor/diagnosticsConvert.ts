import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../lint/types';

export const DIAGNOSTIC_SOURCE = 'starter-stack';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** A finding as a Diagnostic: the rule id is the code, related places become related information. */
export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.rule;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.parse(r.uri), toVsRange(r.range)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

/** True when a Diagnostic shows this finding (code actions find the finding's fixes this way). */
export function showsFinding(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  return (
    diagnostic.source === DIAGNOSTIC_SOURCE &&
    diagnostic.code === finding.rule &&
    diagnostic.message === finding.message &&
    diagnostic.range.isEqual(toVsRange(finding.range))
  );
}
