import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { findHelm } from '../../lint/helmBinary';
import type { Finding } from '../../lint/types';
import { Disposable } from '../../util/disposable';
import { toDiagnostic } from '../diagnosticsConvert';
import { withCancellableProgress } from '../progress';
import type { Command } from './command';

/** A chart's Chart.yaml from what the code action (its URI) or the palette (the active editor) gives. */
function chartFile(arg: unknown): vscode.Uri | undefined {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' && /(^|\/)Chart\.ya?ml$/.test(uri.path) ? uri : undefined;
}

/**
 * "Starter Stack: Lint Rendered Helm Chart": runs `helm template` on the chart (cancellable, with a timeout), lints
 * the output and shows the findings on the templates they came from, in their own collection (replaced each run).
 */
export class LintHelmChartCommand extends Disposable implements Command {
  readonly id = 'starterStack.lintHelmChart';
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('starter-stack-helm'));

  /** Returns the number of findings shown (for the in-host tests), or undefined when nothing ran. */
  async execute(arg?: unknown): Promise<number | undefined> {
    const chart = chartFile(arg);
    if (!chart) return void vscode.window.showErrorMessage(vscode.l10n.t("Open a chart's Chart.yaml first."));
    const helm = await findHelm(process.env);
    if (!helm) return void vscode.window.showErrorMessage(vscode.l10n.t('helm is not on PATH.'));
    const chartDir = dirname(chart.fsPath);
    const title = vscode.l10n.t('helm template {0}', vscode.workspace.asRelativePath(chartDir));
    return withCancellableProgress(title, async (_progress, signal) => {
      const { renderChart, lintRendered } = await import('../../lint/helmRender');
      const rendered = await renderChart(helm, chartDir, { signal });
      if (!rendered.ok) {
        if (!signal.aborted)
          void vscode.window.showErrorMessage(vscode.l10n.t('helm template failed: {0}', rendered.message));
        return undefined;
      }
      const found = lintRendered(chartDir, rendered.output, readTemplate);
      this.show(
        chartDir,
        found.map((f) => f.finding),
      );
      return found.length;
    });
  }

  /** Replaces the chart's earlier findings. */
  private show(chartDir: string, findings: readonly Finding[]): void {
    this.collection.forEach((uri) => uri.fsPath.startsWith(`${chartDir}/`) && this.collection.delete(uri));
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings)
      byFile.set(finding.uri, [...(byFile.get(finding.uri) ?? []), toDiagnostic(finding)]);
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
  }
}

function readTemplate(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** On a Chart.yaml, when helm is on PATH: the offer to lint the rendered chart. Says nothing without helm. */
export class HelmChartCodeActions implements vscode.CodeActionProvider {
  static readonly selector: vscode.DocumentSelector = { scheme: 'file', pattern: '**/Chart.{yaml,yml}' };
  private helm: Promise<string | undefined> | undefined;

  async provideCodeActions(document: vscode.TextDocument): Promise<vscode.CodeAction[]> {
    this.helm ??= findHelm(process.env);
    if (!(await this.helm)) return [];
    const action = new vscode.CodeAction(
      vscode.l10n.t('Lint the rendered chart (helm template)'),
      vscode.CodeActionKind.Empty,
    );
    action.command = { command: 'starterStack.lintHelmChart', title: action.title, arguments: [document.uri] };
    return [action];
  }
}
