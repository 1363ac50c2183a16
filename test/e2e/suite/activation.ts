// Activation and command registration, checked against the manifest the host actually loaded.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { cpus, loadavg } from 'node:os';
import * as vscode from 'vscode';
import { EXTENSION_ID, type HostTest } from './harness';

interface ManifestCommand {
  command: string;
  title: string;
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded in this host`);
  return found;
}

/**
 * Resolves once the extension host's event loop has stayed responsive for a while, so the activation timing
 * measures our extension and not the built-in extensions still starting up around it.
 */
async function waitForQuietHost(maxMs = 15_000): Promise<void> {
  const deadline = performance.now() + maxMs;
  let quietSamples = 0;
  while (quietSamples < 10 && performance.now() < deadline) {
    const asked = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    quietSamples = performance.now() - asked < 60 ? quietSamples + 1 : 0;
  }
}

const PEER_ID = 'starter-stack-tests.activation-peer';
const MINIMAL_PEER_ID = 'starter-stack-tests.activation-peer-minimal';

async function timeActivation(ext: vscode.Extension<unknown>): Promise<number> {
  const started = performance.now();
  await ext.activate();
  return Math.round((performance.now() - started) * 10) / 10;
}

/** Set to a file path, the extension host's CPU is profiled while ours activates (a .cpuprofile for DevTools). */
const PROFILE_ENV = 'STARTER_STACK_ACTIVATION_PROFILE';

async function profiled<T>(path: string | undefined, body: () => Promise<T>): Promise<T> {
  if (!path) return body();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  }
}

export const activationTests: readonly HostTest[] = [
  {
    name: 'the extension activates',
    timeoutMs: 30_000,
    async run({ metrics }) {
      const ext = extension();
      if (!ext.isActive) {
        await waitForQuietHost();
        // The peers first, in the same quiet host: what activation costs anyway (an extension that does nothing),
        // and what any extension with a command costs (it loads the vscode API, which the host builds per extension).
        const peer = vscode.extensions.getExtension(PEER_ID);
        if (peer && !peer.isActive) metrics.peerActivationMs = await timeActivation(peer);
        const minimalPeer = vscode.extensions.getExtension(MINIMAL_PEER_ID);
        if (minimalPeer && !minimalPeer.isActive) metrics.minimalPeerActivationMs = await timeActivation(minimalPeer);
        metrics.activationMs = await profiled(process.env[PROFILE_ENV], () => timeActivation(ext));
        metrics.load = { average1m: Math.round(loadavg()[0]! * 10) / 10, cpus: cpus().length };
      }
      assert.ok(ext.isActive, 'extension is not active after activate()');
      const reported = (ext.exports as { activationMs?: unknown } | undefined)?.activationMs;
      if (typeof reported === 'number') metrics.reportedActivationMs = Math.round(reported * 10) / 10;
    },
  },
  {
    name: 'every command in contributes.commands is registered',
    async run() {
      const declared = (
        (extension().packageJSON as { contributes?: { commands?: ManifestCommand[] } }).contributes?.commands ?? []
      ).map((c) => c.command);
      assert.ok(declared.length > 0, 'package.json contributes no commands');
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = declared.filter((id) => !registered.has(id));
      assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
    },
  },
];
