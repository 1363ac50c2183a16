import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/system-deps.mjs');

/** A PATH with a dpkg-query that reports `installed` only, and an apt-get that records its arguments. */
function fakeDebian(installed: string[]): { bin: string; calls: string } {
  const bin = mkdtempSync(join(tmpdir(), 'system-deps-'));
  const calls = join(bin, 'apt-calls.log');
  writeFileSync(
    join(bin, 'dpkg-query'),
    `#!/bin/sh\npkg="$3"\nfor p in ${installed.join(' ')}; do [ "$p" = "$pkg" ] && { printf 'install ok installed'; exit 0; }; done\nexit 1\n`,
  );
  writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$*" >> ${calls}\n`);
  chmodSync(join(bin, 'dpkg-query'), 0o755);
  chmodSync(join(bin, 'apt-get'), 0o755);
  return { bin, calls };
}

function run(args: string[], bin: string, asNobody = false) {
  const cmd = asNobody
    ? (['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SCRIPT, ...args]] as const)
    : ([process.execPath, [SCRIPT, ...args]] as const);
  return spawnSync(cmd[0], [...cmd[1]], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('scripts/system-deps.mjs: the two commands install what a fresh Debian machine lacks', () => {
  const root = process.getuid?.() === 0;

  it('is silent and exits 0 when everything is installed', async () => {
    const { GROUPS } = (await import(SCRIPT)) as { GROUPS: Array<{ packages: string[] }> };
    const fake = fakeDebian(GROUPS.flatMap((g) => g.packages));
    dirs.push(fake.bin);
    const r = run(['test'], fake.bin);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });

  it(
    'as root installs exactly what is missing for the purpose, saying why',
    { skip: !root && 'needs root (CI and these machines run as root)' },
    () => {
      const fake = fakeDebian(['chromium', 'fonts-liberation', 'prometheus', 'prometheus-node-exporter']);
      dirs.push(fake.bin);
      const r = run(['e2e'], fake.bin);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /installing for e2e/);
      assert.match(r.stderr, /libxkbfile-dev.*code-server/s);
      const calls = readFileSync(fake.calls, 'utf8').trim().split('\n');
      assert.equal(calls[0], 'update -qq');
      assert.match(
        calls[1]!,
        /^install -y -qq --no-install-recommends libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep$/,
      );
    },
  );

  it(
    'not as root prints the one command to run and exits 2, installing nothing',
    { skip: !root && 'switching to another user needs root' },
    () => {
      const fake = fakeDebian([]);
      dirs.push(fake.bin);
      chmodSync(fake.bin, 0o777);
      const r = run(['start'], fake.bin, true);
      assert.equal(r.status, 2, r.stderr);
      assert.match(
        r.stderr,
        /sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends libkrb5-dev .* ripgrep'/,
      );
      assert.throws(() => readFileSync(fake.calls), /ENOENT/);
    },
  );

  it('names an unknown purpose', () => {
    const r = run(['deploy'], '/nonexistent');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown purpose "deploy"/);
  });
});
