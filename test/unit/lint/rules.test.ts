import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_METAS } from '../../../src/lint/rules';
import { expectedLines, fixture, FIXTURES, lintOne } from './helpers';

// Each rule has test/fixtures/lint/<rule>/fires.yaml, whose `# expect: <rule>` markers name the lines the
// rule must report (and no others), and clean.yaml, on which it must report nothing.
for (const meta of RULE_METAS) {
  describe(`rule ${meta.id}`, () => {
    it('has a firing and a clean fixture', () => {
      for (const name of ['fires.yaml', 'clean.yaml'])
        assert.ok(existsSync(join(FIXTURES, meta.id, name)), `${meta.id}/${name}`);
    });

    it('reports exactly the marked lines of fires.yaml', () => {
      const text = fixture(meta.id, 'fires.yaml');
      const lines = lintOne(text)
        .filter((f) => f.rule === meta.id)
        .map((f) => f.range.start.line);
      assert.deepEqual(
        [...new Set(lines)].sort((a, b) => a - b),
        expectedLines(text, meta.id),
      );
      assert.ok(lines.length > 0);
    });

    it('reports nothing on clean.yaml', () => {
      const found = lintOne(fixture(meta.id, 'clean.yaml')).filter((f) => f.rule === meta.id);
      assert.deepEqual(
        found.map((f) => `${f.range.start.line + 1}: ${f.message}`),
        [],
      );
    });

    it('documents itself', () => {
      assert.match(meta.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(meta.title.length > 10 && meta.docs.length > 40);
    });
  });
}

// The settings UI lists the rules from package.json; keep it in step with the engine once it is wired.
const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, unknown> }> } };
};
const ruleSettings = pkg.contributes?.configuration?.properties?.['starterStack.lint.rules']?.properties;
it('package.json offers a setting for every rule, and only for rules', () => {
  assert.deepEqual(Object.keys(ruleSettings ?? {}).sort(), RULE_METAS.map((m) => m.id).sort());
});
