import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import { ContainerNode } from '../../../src/editor/tree/nodes/containerNode';
import { ContextNode } from '../../../src/editor/tree/nodes/contextNode';
import { HpaNode } from '../../../src/editor/tree/nodes/hpaNode';
import { MessageNode } from '../../../src/editor/tree/nodes/messageNode';
import { NamespaceNode } from '../../../src/editor/tree/nodes/namespaceNode';
import { PodNode } from '../../../src/editor/tree/nodes/podNode';
import { ServiceNode } from '../../../src/editor/tree/nodes/serviceNode';
import { WorkloadNode } from '../../../src/editor/tree/nodes/workloadNode';
import { statusSummary } from '../../../src/editor/tree/statusSummary';
import { formatAge } from '../../../src/editor/tree/treeItemSpec';
import { podView } from '../../../src/kube/cache/podView';
import { profileFromNames } from '../../../src/kube/clusterProfile';

const ctx = { t: plainLocalize, now: Date.parse('2026-01-01T00:05:00Z') };

const crashing = podView({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api-1', namespace: 'starter', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: {
    nodeName: 'sim-node-1',
    containers: [{ name: 'api', image: 'api:1', livenessProbe: { httpGet: { path: '/live', port: 8080 } } }],
  },
  status: {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'api',
        image: 'api:1',
        ready: false,
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { reason: 'Error', exitCode: 1 } },
      },
    ],
  },
});

describe('tree nodes render from model data', () => {
  it('pod: phase or reason, ready count, restarts, age, node; error icon', () => {
    const spec = new PodNode('Pod/starter/api-1', undefined, crashing).render(ctx);
    assert.equal(spec.label, 'api-1');
    assert.equal(spec.description, 'CrashLoopBackOff · 0/1 · 3 restarts · 5m · sim-node-1');
    assert.deepEqual(spec.icon, { id: 'error', color: 'list.errorForeground' });
    assert.equal(spec.contextValue, 'pod');
    assert.match(spec.tooltip ?? '', /crash-looping, restarted 3 times; last exit: Error \(code 1\)/);
  });

  it('container: state, probe marks, last termination; probe kinds and targets in the tooltip', () => {
    const spec = new ContainerNode('c', undefined, crashing.containers[0]!).render(ctx);
    assert.equal(spec.description, 'waiting: CrashLoopBackOff · readiness – · liveness ? · last: Error (1)');
    assert.match(spec.tooltip ?? '', /liveness: \*\*unknown\*\* — `httpGet \/live :8080`/);
    assert.match(spec.tooltip ?? '', /readiness: \*\*not configured\*\*/);
  });

  it('workload: kind, ready/desired, scalable unless a DaemonSet', () => {
    const data = {
      kind: 'Deployment' as const,
      namespace: 'starter',
      name: 'api',
      rollout: { ready: false, message: '1 of 2 replicas available' },
      ready: 1,
      desired: 2,
      images: ['api:1'],
    };
    const spec = new WorkloadNode('Deployment/starter/api', undefined, data).render(ctx);
    assert.equal(spec.description, 'Deployment · 1/2 ready · 1 of 2 replicas available');
    assert.equal(spec.contextValue, 'workload.Deployment.scalable');
    assert.equal(
      new WorkloadNode('d', undefined, { ...data, kind: 'DaemonSet' }).render(ctx).contextValue,
      'workload.DaemonSet',
    );
  });

  it('hpa: `3/5 · cpu 72%/60%`, and says when metrics are unavailable', () => {
    const view = {
      name: 'api',
      namespace: 's',
      target: { kind: 'Deployment', name: 'api' },
      currentReplicas: 3,
      desiredReplicas: 5,
      minReplicas: 1,
      maxReplicas: 10,
      cpuCurrent: 72,
      cpuTarget: 60,
    };
    assert.equal(new HpaNode('h', undefined, view).render(ctx).description, '3/5 · cpu 72%/60% · 1–10');
    const missing = new HpaNode('h', undefined, {
      ...view,
      cpuCurrent: undefined,
      metricsProblem: 'no CPU metrics yet',
    }).render(ctx);
    assert.equal(missing.description, '3/5 · cpu ?/60% · 1–10 · metrics unavailable');
    assert.equal(missing.icon?.id, 'warning');
  });

  it('service: ready endpoints, a warning when none are ready', () => {
    const view = {
      name: 'api',
      namespace: 's',
      type: 'ClusterIP',
      ports: ['80→8080/TCP'],
      readyEndpoints: 0,
      notReadyEndpoints: 2,
      hasSelector: true,
    };
    const spec = new ServiceNode('s', undefined, view).render(ctx);
    assert.equal(spec.description, 'ClusterIP · 80→8080/TCP · 0/2 endpoints ready');
    assert.equal(spec.icon?.id, 'warning');
  });

  it('namespace: stack health in the description; unreachable cluster: one node with Retry', () => {
    const ns = new NamespaceNode('n', undefined, {
      name: 'starter',
      isStack: true,
      watch: 'synced',
      forbiddenKinds: [],
      warnings: 0,
      health: {
        namespace: 'starter',
        ready: 8,
        total: 9,
        notReady: [{ kind: 'Deployment', name: 'api', message: 'x' }],
      },
    });
    assert.equal(ns.render(ctx).description, 'stack · 8/9 ready');
    assert.equal(ns.render(ctx).collapsible, 'expanded');
    const down = new MessageNode('m', undefined, 'unreachable', 'cannot reach the cluster').render(ctx);
    assert.equal(down.contextValue, 'clusterUnreachable');
    assert.equal(down.command?.command, 'starterStack.retryConnection');
  });

  it('ages read like kubectl', () => {
    assert.deepEqual(
      ['2026-01-01T00:04:30Z', '2026-01-01T00:00:00Z', '2025-12-31T20:00:00Z', '2025-12-25T00:00:00Z'].map((t) =>
        formatAge(t, ctx.now),
      ),
      ['30s', '5m', '4h', '7d'],
    );
  });
});

describe('status bar summary', () => {
  const health = { namespace: 'starter', ready: 9, total: 9, notReady: [] };
  it('`$(pass) starter 9/9 ready` when the stack is healthy', () => {
    const s = statusSummary(
      { state: 'open', contextName: 'kind', namespace: 'starter', connection: { state: 'connected' }, health },
      plainLocalize,
    );
    assert.equal(s.text, '$(pass) starter 9/9 ready');
    assert.equal(s.severity, 'ok');
  });
  it('a warning with the count, and the unreachable context by name', () => {
    const partial = statusSummary(
      {
        state: 'open',
        contextName: 'kind',
        namespace: 'starter',
        connection: { state: 'connected' },
        health: { ...health, ready: 7 },
      },
      plainLocalize,
    );
    assert.equal(partial.text, '$(warning) starter 7/9 ready');
    const down = statusSummary(
      {
        state: 'open',
        contextName: 'kind',
        namespace: 'starter',
        connection: { state: 'unreachable', message: 'ECONNREFUSED' },
        health,
      },
      plainLocalize,
    );
    assert.equal(down.text, '$(debug-disconnect) kind unreachable');
  });
});

describe('the cluster flavour in the tree root and the status bar tooltip', () => {
  it('the root item names the flavour (and the simulator) beside the server; its tooltip says what gave it away', () => {
    const kind = profileFromNames({ contextName: 'kind-dev', server: 'https://127.0.0.1:40123' });
    const spec = new ContextNode(
      'context:kind-dev',
      'kind-dev',
      'https://127.0.0.1:40123',
      { state: 'connected' },
      kind,
    ).render(ctx);
    assert.equal(spec.description, 'kind · 127.0.0.1:40123');
    assert.match(String(spec.tooltip), /Cluster: kind \(detected from context kind-dev\)/);
    const sim = profileFromNames({
      contextName: 'kind-kind',
      server: 'https://127.0.0.1:1',
      kubeConfig: { contexts: [{ name: 'kind-kind', cluster: 'kind-kind', user: 'kind-kind (starter-sim)' }] },
    });
    const simSpec = new ContextNode(
      'context:kind-kind',
      'kind-kind',
      'https://127.0.0.1:1',
      { state: 'connected' },
      sim,
    ).render(ctx);
    assert.equal(simSpec.description, 'kind (simulator) · 127.0.0.1:1');
    assert.match(String(simSpec.tooltip), /starter-sim simulator, not a real cluster/);
    const unknown = new ContextNode(
      'c',
      'prod',
      'https://10.0.0.1:6443',
      { state: 'connected' },
      profileFromNames({ contextName: 'prod', server: 'https://10.0.0.1:6443' }),
    ).render(ctx);
    assert.equal(unknown.description, '10.0.0.1:6443');
  });

  it('the status bar tooltip names the cluster flavour', () => {
    const s = statusSummary(
      {
        state: 'open',
        contextName: 'minikube',
        namespace: 'starter',
        connection: { state: 'connected' },
        health: { namespace: 'starter', ready: 1, total: 1, notReady: [] },
        cluster: 'minikube',
      },
      plainLocalize,
    );
    assert.match(s.tooltip, /Context: \*\*minikube\*\* · Cluster: minikube · Namespace/);
  });
});
