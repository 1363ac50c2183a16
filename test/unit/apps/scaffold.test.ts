import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scaffoldCommand } from '../../../src/cli/scaffold';
import type { CliIo } from '../../../src/cli/io';
import { APP_SERVICES, loadAppFiles } from '../../../src/stack/apps';
import { scaffoldPaths, scaffoldProject } from '../../../src/stack/scaffold';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {} };
  return { value, out, err };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'starter-scaffold-'));

describe('scaffold (core)', () => {
  it('loads every app file from templates/apps, without build output or caches', async () => {
    const files = await loadAppFiles();
    const paths = files.map((f) => f.path);
    for (const service of APP_SERVICES)
      assert.ok(paths.includes(`${service}/Dockerfile`) && paths.includes(`${service}/.dockerignore`), service);
    assert.ok(paths.includes('docker-compose.yml') && paths.includes('README.md'));
    assert.ok(!paths.some((p) => /(^|\/)(node_modules|dist|__pycache__)\//.test(p)), paths.join('\n'));
  });

  it('plans manifests under k8s/ and apps under apps/, with the image prefix and tag in the compose file', async () => {
    const plan = await scaffoldProject({ imagePrefix: 'ghcr.io/me', tag: '1.2.3' }, new Map());
    assert.ok(plan.ok);
    const paths = plan.value.create.map((f) => f.path);
    assert.equal(paths[0], 'k8s/namespace.yaml');
    assert.ok(paths.includes('k8s/kustomization.yaml') && paths.includes('apps/go-api/main.go'));
    const compose = plan.value.create.find((f) => f.path === 'apps/docker-compose.yml')!.content;
    assert.match(compose, /image: \$\{IMAGE_PREFIX:-ghcr\.io\/me\}\/node-api:\$\{IMAGE_TAG:-1\.2\.3\}/);
    assert.match(
      plan.value.create.find((f) => f.path === 'k8s/node-api.yaml')!.content,
      /image: ghcr\.io\/me\/node-api:1\.2\.3/,
    );
    assert.deepEqual(new Set(scaffoldPaths(await loadAppFiles())), new Set([...paths, 'k8s/metrics-server.yaml']));
  });

  it('refuses bad options with the generator message', async () => {
    const plan = await scaffoldProject({ tag: 'latest' }, new Map());
    assert.ok(!plan.ok && /latest/.test(plan.error));
  });
});

describe('starter-stack scaffold (CLI, in-process)', () => {
  it('writes the project, then finds everything unchanged on a second run', async () => {
    const dir = tempDir();
    const first = io(dir);
    assert.equal(await scaffoldCommand(['--out', 'proj'], first.value), 0, first.err.join('\n'));
    const root = join(dir, 'proj');
    assert.deepEqual(readdirSync(root).sort(), ['apps', 'k8s']);
    for (const service of APP_SERVICES) assert.ok(existsSync(join(root, 'apps', service, 'Dockerfile')));
    assert.ok(existsSync(join(root, 'k8s', 'kustomization.yaml')));
    const again = io(dir);
    assert.equal(await scaffoldCommand(['--out', 'proj'], again.value), 0);
    assert.match(again.out[0]!, /^Wrote 0 file\(s\) to proj \(\d+ unchanged\)/);
  });

  it('keeps earlier passwords, exits 3 listing changed files (writing nothing) unless --force', async () => {
    const dir = tempDir();
    assert.equal(await scaffoldCommand(['--out', '.'], io(dir).value), 0);
    const secret = readFileSync(join(dir, 'k8s', 'mongo.yaml'), 'utf8');
    const appJs = join(dir, 'apps', 'node-api', 'src', 'app.js');
    writeFileSync(appJs, '// my changes\n');
    const compose = join(dir, 'apps', 'docker-compose.yml');
    const composeBefore = readFileSync(compose, 'utf8');
    const refused = io(dir);
    assert.equal(await scaffoldCommand(['--out', '.', '--tag', '0.2.0'], refused.value), 3);
    assert.ok(
      refused.err.some((l) => l.trim() === join('apps', 'node-api', 'src', 'app.js')),
      refused.err.join('\n'),
    );
    assert.equal(readFileSync(compose, 'utf8'), composeBefore, 'nothing written when refusing');
    const forced = io(dir);
    assert.equal(await scaffoldCommand(['--out', '.', '--force'], forced.value), 0);
    assert.notEqual(readFileSync(appJs, 'utf8'), '// my changes\n');
    assert.equal(
      readFileSync(join(dir, 'k8s', 'mongo.yaml'), 'utf8'),
      secret,
      'regenerating keeps the random passwords',
    );
  });

  it('exits 2 on bad arguments', async () => {
    const cli = io(tempDir());
    assert.equal(await scaffoldCommand(['--out', 'x', '--image-prefix', 'Bad Prefix'], cli.value), 2);
    assert.match(cli.err[0]!, /image prefix/);
  });
});
