// The editor's offer to lint a chart's `helm template` output, with a fake `helm` script on PATH (helm itself is
// not installable here) and the in-memory editor.
import '../../../support/fakeVscodeRegister';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { HelmChartCodeActions, LintHelmChartCommand } from '../../../../src/editor/commands/lintHelmChart';
import { fakeHelm, rendered } from '../../../support/fakeHelm';
import * as fake from '../../../support/fakeVscode';

const TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-web
spec:
  containers:
    - name: web
      image: "{{ .Values.image }}"
      readinessProbe:
        httpGet: { path: /healthz, port: http }
`;
const RENDERED = `---
# Source: web/templates/pod.yaml
${rendered(TEMPLATE, { image: 'nginx:1.27.0' })}`;

function chartWithHelm(): { chartFile: string; template: string; bin: string } {
  const { root, bin } = fakeHelm('starter-stack-helm-editor-', {
    'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'web/templates/pod.yaml': TEMPLATE,
    'rendered.txt': RENDERED,
  });
  return { chartFile: join(root, 'web', 'Chart.yaml'), template: join(root, 'web', 'templates', 'pod.yaml'), bin };
}

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
  fake.state.diagnostics.clear();
  fake.shown.length = 0;
});

const document = (path: string) => ({ uri: fake.Uri.file(path) }) as unknown as vscode.TextDocument;

describe('helm template in the editor', () => {
  it('offers the rendered lint on Chart.yaml when helm is on PATH, and says nothing without it', async () => {
    const { chartFile, bin } = chartWithHelm();
    process.env.PATH = '/nonexistent';
    assert.deepEqual(await new HelmChartCodeActions().provideCodeActions(document(chartFile)), []);
    process.env.PATH = `${bin}:/nonexistent`;
    const [action] = await new HelmChartCodeActions().provideCodeActions(document(chartFile));
    assert.equal(action?.command?.command, 'starterStack.lintHelmChart');
  });

  it('shows the findings of the rendered chart on the template line they came from', async () => {
    const { chartFile, template, bin } = chartWithHelm();
    process.env.PATH = `${bin}:${PATH ?? ''}`;
    const command = new LintHelmChartCommand();
    const count = await command.execute(fake.Uri.file(chartFile));
    assert.ok(count && count > 0, `findings: ${String(count)}; shown: ${fake.shown.join(' | ')}`);
    const diagnostics = fake.state.diagnostics.get(`file://${template}`) ?? [];
    const probe = diagnostics.find((d) => d.code === 'probe-port');
    assert.equal(probe?.range.start.line, 9, JSON.stringify(diagnostics.map((d) => [d.code, d.message])));
    command.dispose();
  });
});
