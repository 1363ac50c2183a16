// The stack on clusters whose nodes run Docker (Docker Desktop, minikube's docker runtime) as well as containerd.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { container, podSpec, renderStack, type K8sObject, type RenderedStack } from '../../support/stack';

let stack: RenderedStack;
before(async () => {
  stack = await renderStack();
});

/** The Alloy configuration's blocks: `kind "label" {` at the start of a line, with the text inside the braces. */
function alloyBlocks(config: string): { kind: string; label: string; body: string }[] {
  const blocks: { kind: string; label: string; body: string }[] = [];
  const opening = /^([a-z_]+(?:\.[a-z_]+)+) "([a-z0-9_]+)" \{$/gm;
  for (let match = opening.exec(config); match; match = opening.exec(config)) {
    let depth = 1;
    let end = match.index + match[0].length;
    for (; depth > 0 && end < config.length; end++) depth += config[end] === '{' ? 1 : config[end] === '}' ? -1 : 0;
    assert.equal(depth, 0, `unbalanced braces in ${match[1]} "${match[2]}"`);
    blocks.push({ kind: match[1]!, label: match[2]!, body: config.slice(match.index + match[0].length, end - 1) });
  }
  return blocks;
}

describe('logs on every node runtime', () => {
  const config = () => stack.find('ConfigMap', 'alloy-config').data['config.alloy'] as string;

  it('Alloy reads logs through the API (loki.source.kubernetes), not node files: no hostPath, no root', () => {
    const kinds = alloyBlocks(config()).map((b) => b.kind);
    assert.deepEqual(kinds, ['discovery.kubernetes', 'discovery.relabel', 'loki.source.kubernetes', 'loki.write']);
    assert.doesNotMatch(config(), /loki\.source\.file|local\.file_match|stage\.cri|__path__|\/var\/log/);
    const alloy = stack.find('Deployment', 'alloy');
    const spec = podSpec(alloy);
    assert.ok(!(spec.volumes as K8sObject[]).some((v) => v.hostPath), 'no hostPath volume');
    assert.equal(spec.securityContext.runAsNonRoot, true);
    assert.notEqual(spec.securityContext.runAsUser, 0);
    const rules = stack.find('ClusterRole', 'starter-alloy').rules as K8sObject[];
    assert.ok(
      rules.some((r) => r.resources.includes('pods/log') && r.verbs.includes('get')),
      'the ClusterRole grants pods/log',
    );
  });

  it('the Alloy configuration hangs together: every reference names a block that exports it, every block is used', () => {
    const blocks = alloyBlocks(config());
    const exported: Record<string, string> = {
      'discovery.kubernetes': 'targets',
      'discovery.relabel': 'output',
      'loki.write': 'receiver',
    };
    const references = [...config().matchAll(/\b((?:discovery|loki)\.[a-z_.]+)\.([a-z0-9_]+)\.([a-z_]+)\b/g)];
    assert.ok(references.length >= 3);
    for (const [text, kind, label, field] of references) {
      assert.ok(
        blocks.some((b) => b.kind === kind && b.label === label),
        `${text} names no block`,
      );
      assert.equal(exported[kind!], field, `${text}: ${kind} exports ${exported[kind!]}`);
    }
    for (const block of blocks.filter((b) => b.kind !== 'loki.source.kubernetes')) {
      assert.ok(
        references.some(([, kind, label]) => kind === block.kind && label === block.label),
        `${block.kind} "${block.label}" is not used`,
      );
    }
    const source = blocks.find((b) => b.kind === 'loki.source.kubernetes')!;
    assert.match(source.body, /^\s*targets\s+= discovery\.relabel\.pod_logs\.output$/m);
    assert.match(source.body, /^\s*forward_to = \[loki\.write\.default\.receiver\]$/m);
    assert.match(blocks.find((b) => b.kind === 'loki.write')!.body, /url = "http:\/\/loki:3100\/loki\/api\/v1\/push"/);
  });

  it('Alloy sends no usage reports and keeps its read positions on a volume that outlives the pod', () => {
    const alloy = stack.find('Deployment', 'alloy');
    const args = container(alloy, 'alloy').args as string[];
    assert.ok(args.includes('--disable-reporting'));
    const storage = args.find((a) => a.startsWith('--storage.path='))!.split('=')[1];
    const mount = (container(alloy, 'alloy').volumeMounts as K8sObject[]).find((m) => m.mountPath === storage);
    assert.ok(mount, `--storage.path ${storage} is a mounted volume`);
    const volume = (podSpec(alloy).volumes as K8sObject[]).find((v) => v.name === mount.name);
    assert.equal(
      volume?.persistentVolumeClaim?.claimName,
      'alloy-data',
      'not an emptyDir: a new pod would re-send every line',
    );
    stack.find('PersistentVolumeClaim', 'alloy-data');
    assert.equal(alloy.spec.strategy.type, 'Recreate', 'one writer of a ReadWriteOnce volume');
  });

  it('node-exporter mounts / without mountPropagation (refused on Docker Desktop)', () => {
    const mounts = container(stack.find('DaemonSet', 'node-exporter'), 'node-exporter').volumeMounts as K8sObject[];
    assert.ok(mounts.some((m) => m.mountPath === '/host/root' && m.readOnly === true));
    assert.deepEqual(
      mounts.filter((m) => m.mountPropagation !== undefined).map((m) => m.name),
      [],
    );
  });

  it('Loki is restarted only when it stops answering (TCP), and /ready only takes it out of the Service', () => {
    const loki = container(stack.find('Deployment', 'loki'), 'loki');
    assert.equal(loki.livenessProbe.tcpSocket?.port, 'http');
    assert.equal(loki.livenessProbe.httpGet, undefined);
    assert.equal(loki.readinessProbe.httpGet?.path, '/ready');
  });
});
