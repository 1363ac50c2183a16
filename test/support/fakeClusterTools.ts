// Fake `docker`, `kind`, `minikube` and `k3d` for tests: small Node scripts on a PATH of their own. `docker build`
// and `docker version` succeed; the load commands (`kind load docker-image`, `minikube image load`, `k3d image
// import`, and `docker build` itself for Docker Desktop, whose cluster shares Docker's image store) call the
// cluster simulator's control endpoint, so the simulated nodes list the images as a real load would make them.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { ClusterSimulator } from '../../sim';

export interface FakeClusterTools {
  /** The folder to put first on PATH. */
  readonly bin: string;
  /** An environment whose PATH holds the fakes (and node); KUBECONFIG points at the simulator. */
  readonly env: NodeJS.ProcessEnv;
  /** Each call as "tool arg arg ...", in order. */
  calls(): string[];
}

const SCRIPT = (config: string) => `#!${process.execPath}
'use strict';
const https = require('node:https');
const fs = require('node:fs');
const path = require('node:path');
const config = ${config};
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
fs.appendFileSync(config.log, [tool, ...args].join(' ') + '\\n');
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
function load(image, cluster) {
  if (cluster !== config.cluster) {
    console.error(tool + ': no cluster named "' + cluster + '" (this fake knows ' + config.cluster + ')');
    process.exit(1);
  }
  const body = JSON.stringify({ images: [image] });
  const req = https.request(config.url + '/starter-sim/v1/images/load', {
    method: 'POST', ca: config.ca, headers: { authorization: 'Bearer ' + config.token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, (res) => {
    let text = '';
    res.on('data', (c) => (text += c));
    res.on('end', () => {
      if (res.statusCode !== 200) { console.error(tool + ': load failed: ' + text); process.exit(1); }
      console.log('Image: "' + image + '" loaded onto the simulated nodes (fake ' + tool + ')');
    });
  });
  req.on('error', (e) => { console.error(tool + ': ' + e.message); process.exit(1); });
  req.end(body);
}
if (tool === 'docker') {
  if (args[0] === 'version') { console.log('27.5.1'); process.exit(0); }
  if (args[0] === 'build') {
    const image = flag('--tag') || flag('-t');
    console.log('#0 building ' + image + ' (fake docker)');
    if (config.dockerSharesImages) load(image, config.cluster);
    return;
  }
  if (args[0] === 'push') { console.log('pushed ' + args[1] + ' (fake docker)'); process.exit(0); }
  process.exit(0);
}
if (tool === 'kind' && args[0] === 'load' && args[1] === 'docker-image') return load(args[2], flag('--name') || 'kind');
if (tool === 'minikube' && args[0] === 'image' && args[1] === 'load') return load(args[2], flag('--profile') || flag('-p') || 'minikube');
if (tool === 'k3d' && args[0] === 'image' && args[1] === 'import') return load(args[2], flag('--cluster') || flag('-c') || 'k3s-default');
console.error(tool + ': this fake does not know "' + args.join(' ') + '"');
process.exit(2);
`;

/** Cluster names as each tool knows them, from the simulator's context name (kind-kind → kind, k3d-k3s-default → k3s-default). */
function toolClusterName(context: string): string {
  return context.replace(/^(kind|k3d)-/, '');
}

export function fakeClusterTools(sim: ClusterSimulator, options: { tools?: readonly string[] } = {}): FakeClusterTools {
  const dir = mkdtempSync(join(tmpdir(), 'starter-fake-tools-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const config = JSON.stringify({
    url: sim.url,
    token: readToken(sim.kubeconfigPath),
    ca: sim.caPem,
    log,
    cluster: toolClusterName(sim.contextName),
    dockerSharesImages: sim.profile === 'docker-desktop',
  });
  for (const tool of options.tools ?? ['docker', 'kind', 'minikube', 'k3d']) {
    writeFileSync(join(bin, tool), SCRIPT(config));
    chmodSync(join(bin, tool), 0o755);
  }
  return {
    bin,
    env: {
      PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
      KUBECONFIG: sim.kubeconfigPath,
      HOME: dir,
    },
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}

function readToken(kubeconfigPath: string): string {
  const match = /token: (\S+)/.exec(readFileSync(kubeconfigPath, 'utf8'));
  if (!match?.[1]) throw new Error(`no token in ${kubeconfigPath}`);
  return match[1];
}
