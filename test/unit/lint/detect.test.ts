import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../src/cli/io';
import { lintCommand } from '../../../src/cli/lint';
import { looksLikeKubernetes } from '../../../src/lint/detect';

const BOM = '\uFEFF';

describe('which files a workspace lint reads', () => {
  it('takes a manifest saved with a byte order mark before its first key', () => {
    assert.equal(looksLikeKubernetes(`${BOM}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n`), true);
    assert.equal(looksLikeKubernetes(`${BOM}kind: ConfigMap\napiVersion: v1\n`), true);
    assert.equal(looksLikeKubernetes(`${BOM}name: docs\nnav: []\n`), false);
  });

  it("reports a BOM file's error when linting its folder, as when the file is named", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bom-'));
    writeFileSync(join(dir, 'windows.yaml'), `${BOM}apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: c\n`);
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: () => undefined, cwd: dir, env: {} };
    await lintCommand(['.', '--format', 'json'], io);
    const findings = JSON.parse(out.join('\n')) as { file: string; line: number; rule: string }[];
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.rule}`),
      ['windows.yaml:4 yaml-syntax'],
    );
  });
});
