import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildFieldTable } from '../../../../src/lint/schema/fieldTable';
import { KIND_SCHEMAS } from '../../../../src/lint/schema/models';

const TABLE_PATH = join(__dirname, '../../../../src/lint/schema/fields.json');

// fields.json is generated from @kubernetes/client-node's models; UPDATE_LINT_FIELDS=1 rewrites it.
test('fields.json matches the @kubernetes/client-node models of the checked kinds', async () => {
  const models = (await import('@kubernetes/client-node/dist/gen/models/all.js')) as unknown as Parameters<
    typeof buildFieldTable
  >[0];
  const roots = Object.values(KIND_SCHEMAS)
    .map((s) => s.fieldsType)
    .filter(Boolean);
  const table = buildFieldTable(models, roots);
  for (const root of roots) assert.ok(table[root], `client-node has no model ${root}`);
  const text = `${JSON.stringify(table)}\n`;
  if (process.env.UPDATE_LINT_FIELDS === '1') await writeFile(TABLE_PATH, text);
  assert.equal(await readFile(TABLE_PATH, 'utf8'), text, 'fields.json is stale: run with UPDATE_LINT_FIELDS=1');
});
