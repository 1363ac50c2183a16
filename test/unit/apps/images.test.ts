import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { imagesCommand } from '../../../src/cli/images';
import type { CliIo } from '../../../src/cli/io';
import { detectFlavour, readCurrentContext } from '../../../src/images/cluster';
import {
  buildImages,
  imageTargets,
  INSTALL_DOCKER,
  loadImages,
  resolveAppsDir,
  type ImageTarget,
} from '../../../src/images/pipeline';
import { toolsEnv } from '../../../src/images/tools';
import { findExecutable } from '../../../src/util/executable';

const APPS = join(__dirname, '../../../templates/apps');

// A fake tool: records "<name> <args>" in $FAKE_LOG, prints a line, fails when its command line contains $FAKE_FAIL.
const FAKE = `#!/bin/sh
name=\${0##*/}
echo "$name $*" >> "$FAKE_LOG"
echo "$name says: $*"
if [ -n "$FAKE_FAIL" ]; then
  case "$name $*" in *"$FAKE_FAIL"*) echo "$name: simulated failure" >&2; exit 17;; esac
fi
exit 0
`;

interface Sandbox {
  readonly env: NodeJS.ProcessEnv;
  calls(): string[];
}

/** A PATH holding only the given fake tools (they need nothing else: /bin/sh builtins), a call log, and optionally a kubeconfig. */
function sandbox(tools: string[], options: { fail?: string; context?: string; server?: string } = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'starter-images-'));
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  mkdirSync(bin, { recursive: true });
  for (const tool of tools) {
    const path = join(bin, tool);
    writeFileSync(path, FAKE);
    chmodSync(path, 0o755);
  }
  const kubeconfig = join(dir, 'kubeconfig');
  if (options.context) {
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\ncurrent-context: ${options.context}\ncontexts:\n- name: ${options.context}\n  context: {cluster: c1, user: u1}\nclusters:\n- name: c1\n  cluster: {server: '${options.server ?? 'https://127.0.0.1:6443'}'}\nusers:\n- name: u1\n  user: {}\n`,
    );
  }
  return {
    env: { PATH: bin, FAKE_LOG: log, FAKE_FAIL: options.fail ?? '', KUBECONFIG: kubeconfig, HOME: dir },
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}

function targets(prefix?: string): ImageTarget[] {
  const result = imageTargets(APPS, prefix);
  assert.ok(result.ok);
  return result.value;
}

const run = (env: NodeJS.ProcessEnv, lines: string[] = []) => ({ env, onLine: (l: string) => lines.push(l) });

describe('cluster flavour from the kubeconfig', () => {
  it('tells kind, minikube, Docker Desktop and the rest apart by context name and server', () => {
    assert.deepEqual(detectFlavour({ context: 'kind-dev' }), { kind: 'kind', context: 'kind-dev', clusterName: 'dev' });
    assert.deepEqual(detectFlavour({ context: 'minikube', cluster: 'minikube' }), {
      kind: 'minikube',
      context: 'minikube',
      profile: 'minikube',
    });
    assert.equal(detectFlavour({ context: 'docker-desktop' }).kind, 'docker-desktop');
    assert.equal(
      detectFlavour({ context: 'desktop', server: 'https://kubernetes.docker.internal:6443' }).kind,
      'docker-desktop',
    );
    assert.equal(detectFlavour({ context: 'gke_proj_zone_prod', server: 'https://34.1.2.3' }).kind, 'registry');
    assert.equal(detectFlavour({}).kind, 'registry');
  });

  it('reads the current context, cluster and server from $KUBECONFIG (first file wins), or a given context', async () => {
    const box = sandbox([], { context: 'kind-demo', server: 'https://127.0.0.1:40000' });
    const other = join(mkdtempSync(join(tmpdir(), 'starter-kc-')), 'second');
    writeFileSync(other, 'current-context: minikube\ncontexts:\n- name: minikube\n  context: {cluster: minikube}\n');
    const env = { ...box.env, KUBECONFIG: `${box.env.KUBECONFIG}:${other}` };
    assert.deepEqual(await readCurrentContext(env), {
      context: 'kind-demo',
      cluster: 'c1',
      server: 'https://127.0.0.1:40000',
    });
    assert.equal((await readCurrentContext(env, 'minikube')).cluster, 'minikube');
    assert.deepEqual(await readCurrentContext({ KUBECONFIG: '/nonexistent/config' }), {});
  });
});

describe('building and loading images with a fake docker/kind/minikube on PATH', () => {
  it('finds the apps folder of a scaffolded project or the apps folder itself', () => {
    assert.equal(resolveAppsDir(APPS).ok, true);
    const missing = resolveAppsDir(tmpdir());
    assert.ok(!missing.ok && /Scaffold Project/.test(missing.error.message));
  });

  it('names the images <prefix>/<service>:<tag> and refuses latest', () => {
    assert.deepEqual(
      targets().map((t) => t.image),
      [
        'starter-stack/node-api:0.1.0',
        'starter-stack/fastapi:0.1.0',
        'starter-stack/go-api:0.1.0',
        'starter-stack/frontend:0.1.0',
      ],
    );
    const latest = imageTargets(APPS, 'ghcr.io/me', 'latest');
    assert.ok(!latest.ok && /latest/.test(latest.error.message));
  });

  it('checks the daemon, then runs docker build per app in the app folder, streaming the output', async () => {
    const box = sandbox(['docker']);
    const lines: string[] = [];
    const result = await buildImages(targets(), run(box.env, lines));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(box.calls(), [
      'docker version --format {{.Server.Version}}',
      ...['node-api', 'fastapi', 'go-api', 'frontend'].map(
        (s) => `docker build --tag starter-stack/${s}:0.1.0 ${join(APPS, s)}`,
      ),
    ]);
    assert.ok(
      lines.includes(`docker says: build --tag starter-stack/go-api:0.1.0 ${join(APPS, 'go-api')}`),
      'tool output is streamed',
    );
    assert.ok(
      lines.some((l) => l.startsWith('$ docker build')),
      'each step is announced',
    );
  });

  it('stops at the first failing build and names the image and the step', async () => {
    const box = sandbox(['docker'], { fail: 'build --tag starter-stack/fastapi' });
    const lines: string[] = [];
    const result = await buildImages(targets(), run(box.env, lines));
    assert.ok(!result.ok);
    assert.equal(result.error.step, 'build');
    assert.equal(result.error.image, 'starter-stack/fastapi:0.1.0');
    assert.match(result.error.message, /"build" of starter-stack\/fastapi:0\.1\.0 failed \(exit code 17\)/);
    assert.ok(lines.includes('docker: simulated failure'), 'stderr is streamed too');
    assert.ok(!box.calls().some((c) => c.includes('go-api')), 'later images are not built');
  });

  it('says what to install when docker is not on PATH, and runs nothing', async () => {
    const box = sandbox([]);
    const result = await buildImages(targets(), run(box.env));
    assert.ok(!result.ok);
    assert.equal(result.error.reason, 'missing-tool');
    assert.equal(result.error.message, INSTALL_DOCKER);
    assert.match(result.error.message, /install Docker Desktop .* or Docker Engine/);
  });

  it('finds docker and kind in a starterStack.toolsPath folder that is not on PATH', async () => {
    const box = sandbox(['docker', 'kind']);
    const home = box.env.HOME ?? '';
    const bare = { ...box.env, PATH: join(home, 'empty') };
    const missing = await buildImages(targets(), run(bare));
    assert.equal(!missing.ok && missing.error.reason, 'missing-tool', 'not on PATH: not found');
    const tools = toolsEnv(bare, ['~/bin'], home);
    assert.equal(tools.env.PATH, [join(home, 'bin'), join(home, 'empty')].join(delimiter));
    const built = await buildImages(targets(), run(tools.env));
    assert.ok(built.ok, JSON.stringify(built));
    const loaded = await loadImages(targets(), detectFlavour({ context: 'kind-dev' }), run(tools.env));
    assert.ok(loaded.ok, JSON.stringify(loaded));
    assert.equal(box.calls().filter((c) => c.startsWith('kind load docker-image')).length, 4, box.calls().join('\n'));
  });

  it('says to start Docker when the CLI is there but the daemon does not answer', async () => {
    const box = sandbox(['docker'], { fail: 'version' });
    const result = await buildImages(targets(), run(box.env));
    assert.ok(!result.ok);
    assert.equal(result.error.reason, 'daemon-down');
    assert.match(result.error.message, /daemon does not answer/);
  });

  it('loads into kind with `kind load docker-image … --name <cluster>`', async () => {
    const box = sandbox(['docker', 'kind']);
    const result = await loadImages(targets(), detectFlavour({ context: 'kind-dev' }), run(box.env));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(
      box.calls(),
      ['node-api', 'fastapi', 'go-api', 'frontend'].map(
        (s) => `kind load docker-image starter-stack/${s}:0.1.0 --name dev`,
      ),
    );
  });

  it('loads into minikube with `minikube image load … --profile <profile>`', async () => {
    const box = sandbox(['docker', 'minikube']);
    const result = await loadImages(targets(), detectFlavour({ context: 'minikube' }), run(box.env));
    assert.ok(result.ok);
    assert.equal(box.calls()[0], 'minikube image load starter-stack/node-api:0.1.0 --profile minikube');
    assert.equal(box.calls().length, 4);
  });

  it('loads nothing for Docker Desktop', async () => {
    const box = sandbox(['docker']);
    const result = await loadImages(targets(), detectFlavour({ context: 'docker-desktop' }), run(box.env));
    assert.ok(result.ok);
    assert.match(result.value.summary, /nothing to load/);
    assert.deepEqual(box.calls(), []);
  });

  it('pushes to the registry prefix for other clusters, and refuses the default local prefix there', async () => {
    const box = sandbox(['docker']);
    const flavour = detectFlavour({ context: 'prod', server: 'https://10.0.0.1' });
    const refused = await loadImages(targets(), flavour, run(box.env));
    assert.ok(!refused.ok && /image prefix/.test(refused.error.message) && /prod/.test(refused.error.message));
    assert.deepEqual(box.calls(), []);
    const pushed = await loadImages(targets('ghcr.io/me'), flavour, run(box.env));
    assert.ok(pushed.ok);
    assert.deepEqual(
      box.calls().slice(1),
      ['node-api', 'fastapi', 'go-api', 'frontend'].map((s) => `docker push ghcr.io/me/${s}:0.1.0`),
    );
  });

  it('says what to install when the cluster is kind but kind is missing; a failed load names the image', async () => {
    const noKind = await loadImages(targets(), detectFlavour({ context: 'kind-dev' }), run(sandbox(['docker']).env));
    assert.ok(!noKind.ok && noKind.error.reason === 'missing-tool' && /kind\.sigs\.k8s\.io/.test(noKind.error.message));
    const failing = await loadImages(
      targets(),
      detectFlavour({ context: 'kind-dev' }),
      run(sandbox(['docker', 'kind'], { fail: 'go-api' }).env),
    );
    assert.ok(!failing.ok);
    assert.deepEqual([failing.error.step, failing.error.image], ['load', 'starter-stack/go-api:0.1.0']);
  });

  it(
    'with the real docker CLI and no daemon (this machine), explains that the daemon does not answer',
    { skip: process.platform === 'win32' },
    async (t) => {
      const docker = await findExecutable('docker', process.env);
      if (!docker) return t.skip('no docker CLI on this machine');
      const result = await buildImages(
        targets(),
        run({ ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      );
      assert.ok(!result.ok);
      assert.equal(result.error.reason, 'daemon-down');
    },
  );
});

describe('starterStack.toolsPath: folders first on the tools PATH', () => {
  const home = '/home/ada';
  it('puts the folders first, in order, before the PATH there was, with ~ as the home folder', () => {
    const result = toolsEnv(
      { PATH: ['/usr/bin', '/bin'].join(delimiter), KEEP: 'x' },
      ['/opt/tools', '~/.rd/bin', '~'],
      home,
    );
    assert.equal(result.env.PATH, ['/opt/tools', '/home/ada/.rd/bin', home, '/usr/bin', '/bin'].join(delimiter));
    assert.equal(result.env.KEEP, 'x', 'the rest of the environment is kept');
    assert.deepEqual(result.folders, ['/opt/tools', '/home/ada/.rd/bin', home]);
  });

  it('ignores relative folders (they would depend on the working folder) and blank entries, and says which', () => {
    const env = { PATH: '/usr/bin' };
    const result = toolsEnv(env, ['bin', './tools', '  ', ''], home);
    assert.deepEqual(result.ignored, ['bin', './tools']);
    assert.equal(result.env, env, 'nothing usable: the environment as it was');
  });

  it("keeps Windows' spelling of the variable (Path)", () => {
    const result = toolsEnv({ Path: '/usr/bin' }, ['/opt/tools'], home);
    assert.equal(result.env.Path, ['/opt/tools', '/usr/bin'].join(delimiter));
    assert.equal(result.env.PATH, undefined);
  });
});

describe('starter-stack images (CLI, in-process)', () => {
  const io = (env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: APPS, env };
    return { value, out, err };
  };

  it('images build streams each step and exits 0', async () => {
    const box = sandbox(['docker']);
    const cli = io(box.env);
    assert.equal(await imagesCommand(['build', '--dir', '.', '--only', 'go-api'], cli.value), 0, cli.err.join('\n'));
    assert.ok(cli.out.includes('==> build starter-stack/go-api:0.1.0'));
    assert.match(cli.out.at(-1)!, /Built 1 image\(s\): starter-stack\/go-api:0\.1\.0/);
  });

  it('images load detects kind from the kubeconfig and loads into it', async () => {
    const box = sandbox(['docker', 'kind'], { context: 'kind-starter' });
    const cli = io(box.env);
    assert.equal(await imagesCommand(['load'], cli.value), 0, cli.err.join('\n'));
    assert.ok(cli.out.includes('==> cluster: kind (context kind-starter)'));
    assert.equal(box.calls().length, 4);
  });

  it('exits 1 naming the image and step on failure, and 1 with the install hint without docker', async () => {
    const failing = io(sandbox(['docker'], { fail: 'frontend' }).env);
    assert.equal(await imagesCommand(['build'], failing.value), 1);
    assert.match(
      failing.err.join('\n'),
      /starter-stack images build: Step "build" of starter-stack\/frontend:0\.1\.0 failed/,
    );
    const none = io(sandbox([]).env);
    assert.equal(await imagesCommand(['build'], none.value), 1);
    assert.match(none.err.join('\n'), /install Docker Desktop/);
  });

  it('exits 2 for a folder without the apps', async () => {
    const cli = io(sandbox(['docker']).env);
    assert.equal(await imagesCommand(['build', '--dir', tmpdir()], cli.value), 2);
  });
});
