// "Deploy Starter Stack" end to end against the cluster the runner provides (the simulator, via KUBECONFIG).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './harness';
import { generate } from './helpers';

/** The command's result (DeploySummary in src/editor/deploy/summary.ts). */
interface DeploySummary {
  context: string;
  namespace: string;
  counts: Record<string, number>;
  interrupted?: string;
  ready?: boolean;
  problems: string[];
}

const FOLDER = 'e2e-out/deploy';
const NAMESPACE = 'e2e-deploy';

async function deploy(): Promise<DeploySummary> {
  const summary = await vscode.commands.executeCommand<DeploySummary | undefined>('starterStack.deploy', {
    folder: FOLDER,
    namespace: NAMESPACE,
    wait: true,
    timeoutSeconds: 120,
  });
  assert.ok(summary, 'Deploy returned nothing (it failed before applying: see the extension host log)');
  return summary;
}

export const deployTests: readonly HostTest[] = [
  {
    name: 'Deploy Starter Stack applies the workspace manifests and waits until every workload is available',
    timeoutMs: 150_000,
    async run() {
      await generate({ outDir: FOLDER, options: { namespace: NAMESPACE }, onConflict: 'overwrite' });
      const summary = await deploy();
      assert.equal(summary.context, 'starter-sim');
      assert.equal(summary.interrupted, undefined, summary.interrupted);
      assert.deepEqual(summary.problems, []);
      assert.ok((summary.counts.created ?? 0) >= 50, `created ${JSON.stringify(summary.counts)}`);
      assert.equal(summary.ready, true);
    },
  },
  {
    name: 'Deploying again changes nothing (server-side apply is idempotent)',
    timeoutMs: 90_000,
    async run() {
      const summary = await deploy();
      assert.deepEqual(Object.keys(summary.counts), ['unchanged'], JSON.stringify(summary.counts));
      assert.equal(summary.ready, true);
    },
  },
];
