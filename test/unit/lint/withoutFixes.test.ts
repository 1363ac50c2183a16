// `starter-stack lint` asks the engine for findings without quick fixes (it prints none, and building them needs
// yaml's model): the findings must be the same ones, at the same places, only without fixes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/lint/types';
import { lint } from './helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function filesUnder(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, out);
    else if (/\.ya?ml$/.test(entry.name)) out[`file://${path}`] = readFileSync(path, 'utf8');
  }
  return out;
}

/** A finding as the CLI prints it: everything but its fixes, ranges read through their getters. */
const printed = ({ fixes: _fixes, ...rest }: Finding): string => JSON.stringify(rest);

describe('findings without quick fixes', () => {
  const workspaces = readdirSync(FIXTURES).filter((name) => name.startsWith('lint'));

  it('are the findings with fixes, less their fixes, in every lint fixture workspace', () => {
    let withFixes = 0;
    for (const name of workspaces) {
      const files = filesUnder(join(FIXTURES, name));
      const full = lint(files);
      const bare = lint(files, { fixes: false });
      assert.deepEqual(bare.map(printed), full.map(printed), name);
      assert.ok(
        bare.every((f) => (f.fixes ?? []).length === 0),
        `${name}: a finding kept a fix`,
      );
      withFixes += full.filter((f) => (f.fixes ?? []).length > 0).length;
    }
    assert.ok(withFixes > 50, `only ${withFixes} findings with fixes: the comparison would prove little`);
  });
});
