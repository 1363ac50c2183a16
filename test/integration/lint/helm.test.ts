// `helm template` rendering, with a fake `helm` script on PATH (helm itself is not installable here): the script
// prints what `helm template` prints for a small chart, `# Source:` comments included.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../src/cli/io';
import { lintCommand } from '../../../src/cli/lint';
import type { FindingRecord } from '../../../src/lint';
import { findHelm, renderChart, renderedSections } from '../../../src/lint/helmRender';
import { fakeHelm, RENDERS, rendered } from '../../support/fakeHelm';

const TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: "{{ .Values.image }}"
          readinessProbe:
            httpGet: { path: /healthz, port: http }
`;

const RENDERED = `---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: release-name-web
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
---
# Source: web/templates/deployment.yaml
${rendered(TEMPLATE, { image: 'nginx:latest' })}`;

/** A workspace with one chart, and a bin folder whose `helm` runs `script` (sh). */
function setup(script: string): { root: string; bin: string; chart: string } {
  const { root, bin } = fakeHelm(
    'starter-stack-helm-',
    {
      'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'web/values.yaml': 'image: nginx:latest\n',
      'web/templates/deployment.yaml': TEMPLATE,
      'web/templates/service.yaml': 'kind: Service\n',
      'rendered.txt': RENDERED,
    },
    script,
  );
  return { root, bin, chart: join(root, 'web') };
}

async function lint(root: string, path: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: root, env: { PATH: path } };
  const code = await lintCommand(['.', '--format', 'json', ...args], io);
  return { code, err, records: JSON.parse(out.join('\n')) as FindingRecord[] };
}

describe('helm template', () => {
  it('is found on PATH, and not found when PATH has no helm', async () => {
    const { bin } = setup(RENDERS);
    assert.equal(await findHelm({ PATH: `/nonexistent:${bin}` }), join(bin, 'helm'));
    assert.equal(await findHelm({ PATH: '/nonexistent' }), undefined);
  });

  it('splits the output by its # Source: comments', () => {
    assert.deepEqual(
      renderedSections(RENDERED).map((s) => [s.template, s.start]),
      [
        ['templates/service.yaml', 1],
        ['templates/deployment.yaml', 10],
      ],
    );
  });

  it('lint --helm lints the rendered chart and puts findings on the template line they came from', async () => {
    const { root, bin } = setup(RENDERS);
    const result = await lint(root, bin, '--helm');
    const onTemplate = result.records.filter((r) => r.file === 'web/templates/deployment.yaml');
    const probe = onTemplate.find((r) => r.rule === 'probe-port');
    assert.equal(probe?.severity, 'error', JSON.stringify(result.records));
    assert.equal(probe?.line, 16, 'the readinessProbe port line of the template');
    assert.match(probe?.message ?? '', /helm template output, line \d+/);
    assert.equal(onTemplate.find((r) => r.rule === 'image-tag')?.line, 14, 'the image line, found by its key');
    assert.equal(result.code, 1);
  });

  it('without --helm, or without helm on PATH, the chart is not rendered (a note only for --helm)', async () => {
    const { root, bin } = setup(RENDERS);
    const plain = await lint(root, bin);
    assert.deepEqual(plain.records, []);
    assert.deepEqual(plain.err, []);
    const noHelm = await lint(root, '/nonexistent', '--helm');
    assert.deepEqual(noHelm.records, []);
    assert.deepEqual(noHelm.err, ['starter-stack lint: --helm: helm is not on PATH, so 1 chart(s) were not rendered']);
  });

  it("a chart helm cannot render is a problem named by helm's message; a hanging helm is stopped", async () => {
    const failing = setup('echo "Error: chart requires kubeVersion: >=1.99" >&2\nexit 1');
    const result = await lint(failing.root, failing.bin, '--helm');
    assert.equal(result.code, 1);
    assert.deepEqual(result.err, [
      'starter-stack lint: cannot render the chart web: Error: chart requires kubeVersion: >=1.99',
    ]);
    const hanging = setup('exec sleep 30');
    const stopped = await renderChart(join(hanging.bin, 'helm'), hanging.chart, { timeoutMs: 200 });
    assert.deepEqual(stopped, { ok: false, message: 'helm template took longer than 200 ms' });
    const controller = new AbortController();
    const cancelled = renderChart(join(hanging.bin, 'helm'), hanging.chart, { signal: controller.signal });
    controller.abort();
    assert.deepEqual(await cancelled, { ok: false, message: 'cancelled' });
  });
});
