// `starter-stack delete` against the cluster simulator (a TEST DOUBLE), checked with the real kubectl too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyCommand } from '../../../src/cli/apply';
import { deleteCommand } from '../../../src/cli/delete';
import { kubectl, ok } from '../../support/simKubectl';
import { captureIo, defaultStackFolder, ROOT, withSimulator, type Captured, type Loose } from './harness';

const stackObjects = (sim: { objects(): Loose[] }, kind: string): Loose[] =>
  sim
    .objects()
    .filter(
      (o) =>
        o.kind === kind &&
        o.metadata?.labels?.['app.kubernetes.io/part-of'] === 'starter-stack' &&
        !o.metadata?.deletionTimestamp,
    );
/** The stack's own objects (what delete handles; not the pods and ReplicaSets the simulator's controllers make). */
const OWN_KINDS = [
  'Deployment',
  'DaemonSet',
  'Service',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Ingress',
  'HorizontalPodAutoscaler',
  'PersistentVolumeClaim',
];
const ownObjects = (sim: { objects(): Loose[] }): string[] =>
  OWN_KINDS.flatMap((kind) =>
    stackObjects(sim, kind).map((o) => `${kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`),
  ).sort();
const names = (sim: { objects(): Loose[] }, kind: string): string[] =>
  stackObjects(sim, kind)
    .map((o) => o.metadata.name as string)
    .sort();

/** A terminal that answers every question with `answer`, recording the questions. */
function answering(io: Captured, answer: string): Captured & { questions: string[] } {
  const questions: string[] = [];
  return { ...io, questions, ask: (q: string) => Promise.resolve(void questions.push(q)).then(() => answer) };
}

async function applyStack(sim: { kubeconfigPath: string }, namespace?: string): Promise<void> {
  const io = captureIo(sim.kubeconfigPath);
  assert.equal(
    await applyCommand([defaultStackFolder(), ...(namespace ? ['--namespace', namespace] : [])], io),
    0,
    io.text(),
  );
}

describe('starter-stack delete', () => {
  it('with --yes deletes the stack but keeps its PVCs unless asked, and its own cluster-scoped RBAC too', () =>
    withSimulator(async (sim) => {
      await applyStack(sim);
      assert.ok(stackObjects(sim, 'ClusterRole').length > 0, 'the stack has ClusterRoles');
      assert.ok(stackObjects(sim, 'PersistentVolumeClaim').length > 0, 'the stack has PVCs');

      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'starter', '--yes'], io), 0, io.text());
      assert.match(io.text(), /deleted +Deployment starter\/node-api/);
      assert.match(io.text(), /deleted +ClusterRole starter-prometheus/);
      assert.match(io.text(), /PersistentVolumeClaims \(database data\) were kept/);
      for (const kind of [
        'Deployment',
        'Service',
        'ConfigMap',
        'Secret',
        'ClusterRole',
        'ClusterRoleBinding',
        'Ingress',
        'HorizontalPodAutoscaler',
      ]) {
        assert.deepEqual(names(sim, kind), [], kind);
      }
      assert.ok(stackObjects(sim, 'PersistentVolumeClaim').length > 0);

      const withPvcs = captureIo(sim.kubeconfigPath);
      assert.equal(
        await deleteCommand(['--namespace', 'starter', '--include-pvcs', '--yes', '--output', 'json'], withPvcs),
        0,
        withPvcs.text(),
      );
      const report = JSON.parse(withPvcs.lines.join('\n'));
      assert.ok(report.results.some((r: Loose) => r.ref.kind === 'PersistentVolumeClaim' && r.status === 'deleted'));
    }));

  it("deleting one of two stacks leaves the other's ClusterRoles and ClusterRoleBindings alone (seen by the real kubectl too)", () =>
    withSimulator(async (sim) => {
      await applyStack(sim);
      await applyStack(sim, 'shop');
      assert.deepEqual(names(sim, 'ClusterRole'), [
        'shop-alloy',
        'shop-prometheus',
        'starter-alloy',
        'starter-prometheus',
      ]);
      // What the real kubectl lists of one stack's cluster-wide RBAC (by the label every stack object carries).
      const rbacOf = (stack: string) =>
        ok(sim, [
          'get',
          'clusterroles,clusterrolebindings',
          '-l',
          `starter-stack.dev/namespace=${stack}`,
          '-o',
          'name',
        ]);
      const starterRbac = await rbacOf('starter');

      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'shop', '--yes'], io), 0, io.text());
      assert.match(io.text(), /deleted +ClusterRoleBinding shop-prometheus/);
      assert.doesNotMatch(io.text(), /starter-(prometheus|alloy)/);
      assert.deepEqual(names(sim, 'ClusterRole'), ['starter-alloy', 'starter-prometheus']);
      assert.deepEqual(names(sim, 'ClusterRoleBinding'), ['starter-alloy', 'starter-prometheus']);
      assert.ok(names(sim, 'Deployment').length > 0, "the starter stack's workloads are still there");
      assert.equal(await rbacOf('starter'), starterRbac);
      assert.equal((await rbacOf('shop')).trim(), '');
      assert.equal(
        (await kubectl(sim, ['get', 'clusterrolebinding', 'starter-alloy', '-o', 'jsonpath={.roleRef.name}'])).stdout,
        'starter-alloy',
      );

      // No --namespace: the context's namespace (default), where there is no stack; starter's objects stay.
      const bare = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--yes'], bare), 0, bare.text());
      assert.match(bare.text(), /Nothing of the stack to delete in namespace default/);
      assert.deepEqual(names(sim, 'ClusterRole'), ['starter-alloy', 'starter-prometheus']);
    }));

  it('recognises cluster-wide objects applied before the owner label by their exact namespace-derived names only', () =>
    withSimulator(async (sim) => {
      const role = (name: string) =>
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n  labels: {app.kubernetes.io/part-of: starter-stack}\nrules: []\n`;
      await ok(
        sim,
        ['apply', '--server-side', '-f', '-'],
        [role('starter-prometheus'), role('starter-x-prometheus'), role('starter-reader')].join('---\n'),
      );
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'starter', '--yes'], io), 0, io.text());
      assert.deepEqual(names(sim, 'ClusterRole'), ['starter-reader', 'starter-x-prometheus']);
    }));

  it('lists what it would delete with counts by kind, and asks: "no" deletes nothing', () =>
    withSimulator(async (sim) => {
      await applyStack(sim);
      const before = ownObjects(sim);
      assert.ok(before.length > 20);
      const io = answering(captureIo(sim.kubeconfigPath), 'n');
      assert.equal(await deleteCommand(['--namespace', 'starter'], io), 1, io.text());
      assert.match(io.questions[0] ?? '', /^Delete these \d+ object\(s\) from namespace starter\? \[y\/N\] $/);
      assert.match(
        io.text(),
        /delete would remove \d+ object\(s\) of the stack:\n {2}\d+ Ingress, \d+ HorizontalPodAutoscaler, \d+ Deployment/,
      );
      assert.match(io.text(), / {4}ClusterRole starter-prometheus/);
      assert.match(io.text(), /Nothing deleted\./);
      assert.deepEqual(ownObjects(sim), before);

      const yes = answering(captureIo(sim.kubeconfigPath), 'yes');
      assert.equal(await deleteCommand(['--namespace', 'starter'], yes), 0, yes.text());
      assert.deepEqual(names(sim, 'Deployment'), []);
    }));

  it('without a terminal and without --yes only lists (exit 1); --dry-run only lists (exit 0)', () =>
    withSimulator(async (sim) => {
      await applyStack(sim);
      const before = ownObjects(sim);
      assert.ok(before.length > 20);
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'starter'], io), 1, io.text());
      assert.match(io.text(), /Nothing deleted: no terminal to ask on\. Run again with --yes/);
      const dry = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'starter', '--dry-run'], dry), 0, dry.text());
      assert.match(dry.text(), /Dry run: nothing deleted\./);
      const json = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'starter', '--output', 'json'], json), 1);
      const planned = JSON.parse(json.lines.join('\n'));
      assert.equal(planned.deleted, false);
      assert.ok(planned.planned.some((r: Loose) => r.kind === 'ClusterRole' && r.name === 'starter-prometheus'));
      assert.deepEqual(ownObjects(sim), before);
    }));

  it('says the cluster cannot be reached, not "Nothing to delete"', () =>
    withSimulator(async (sim) => {
      const path = `${sim.kubeconfigPath}.closed`;
      await sim.close();
      writeFileSync(path, (await import('node:fs')).readFileSync(sim.kubeconfigPath, 'utf8'));
      const io = captureIo(path);
      assert.equal(await deleteCommand(['--namespace', 'starter', '--yes'], io), 1);
      assert.match(
        io.errors.join('\n'),
        /^starter-stack delete: cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ \(context [^)]+\): .*; nothing deleted$/,
      );
      assert.doesNotMatch(io.text(), /Nothing/);
    }));

  it('bad arguments exit 2', async () => {
    const io = captureIo('/nonexistent');
    assert.equal(await deleteCommand(['--everything'], io), 2);
    assert.match(io.errors[0] ?? '', /unknown option --everything/);
    const both = captureIo('/nonexistent');
    assert.equal(await deleteCommand(['--yes', '--dry-run'], both), 2);
    assert.match(both.errors[0] ?? '', /--yes and --dry-run contradict each other/);
  });
});

/** Runs dist/cli.js in a real terminal (util-linux `script` gives it a pty); `type` answers once the prompt shows. */
function inTerminal(
  args: string[],
  env: NodeJS.ProcessEnv,
  type: string,
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, join(ROOT, 'dist', 'cli.js'), ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let typed = false;
  const onData = (d: Buffer) => {
    output += d.toString();
    if (!typed && /\[y\/N\] /.test(output)) {
      typed = true;
      child.stdin.write(type);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit within 30 s; output so far:\n${output}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("starter-stack delete in a real terminal (dist/cli.js under a pty; script is in Debian's essential bsdutils)", () => {
  it('asks [y/N]: Ctrl+C at the question deletes nothing and exits at once; "y" deletes', () =>
    withSimulator(async (sim) => {
      await applyStack(sim);
      const before = ownObjects(sim);
      const env = { KUBECONFIG: sim.kubeconfigPath, HOME: '/nonexistent' };
      const interrupted = await inTerminal(['delete', '--namespace', 'starter'], env, '\x03');
      assert.equal(interrupted.code, 1, interrupted.output);
      assert.match(interrupted.output, /Delete these \d+ object\(s\) from namespace starter\? \[y\/N\]/);
      assert.match(interrupted.output, /Nothing deleted\./);
      assert.deepEqual(ownObjects(sim), before);
      const confirmed = await inTerminal(['delete', '--namespace', 'starter'], env, 'y\r');
      assert.equal(confirmed.code, 0, confirmed.output);
      assert.match(confirmed.output, /deleted +ClusterRole starter-prometheus/);
      assert.deepEqual(names(sim, 'Deployment'), []);
    }));
});
