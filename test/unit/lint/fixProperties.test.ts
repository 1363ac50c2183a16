// Every quick fix must produce a manifest that passes the schema and the rule it fixes: each fix is applied
// to the generated stack's documents, broken in the ways users break them, and the result is linted again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { COMPONENT_IDS } from '../../../src/stack/components';
import { splitDocuments } from '../../../src/lint/parse';
import type { Finding } from '../../../src/lint/types';
import { renderStack } from '../../support/stack';
import { applyEdits, lintOne } from './helpers';

/** Ways a user breaks a workload; each must leave a document the fixes can repair. */
const BREAKAGES: readonly ((text: string) => string)[] = [
  (t) => t.replace(/^( +)readinessProbe:\n(\1 .*\n)+/m, ''),
  (t) => t.replace(/^( +)livenessProbe:\n(\1 .*\n)+/m, '').replace(/^( +)readinessProbe:\n(\1 .*\n)+/m, ''),
  (t) => t.replace(/^( +)resources:\n(\1 .*\n)+/m, ''),
  (t) => t.replace(/^( +)securityContext:\n(\1 .*\n)+/gm, ''),
  (t) => t.replace(/^( +)automountServiceAccountToken: false\n/m, ''),
  (t) => t.replace(/(port: )([a-z][a-z-]*)$/m, (_, k: string, name: string) => `${k}${name.slice(0, -1)}x`),
  (t) =>
    t.replace(
      /(targetPort: )([a-z][a-z-]*)$/m,
      (_, k: string, name: string) => `${k}${name[1] ?? ''}${name[0] ?? ''}${name.slice(2)}`,
    ),
  (t) =>
    t.replace(
      /(app\.kubernetes\.io\/name: )(\S+)(\n\s+app\.kubernetes\.io\/part-of: starter-stack\n\s+app\.kubernetes\.io\/component: \S+\n\s+(?:#.*\n\s+)?(?:annotations|spec))/m,
      '$1$2-x$3',
    ),
  // A label value the API server rejects (a "+" from a build version) and a nodePort on a ClusterIP Service.
  (t) => t.replace(/(app\.kubernetes\.io\/part-of: )starter-stack$/m, '$1starter+stack'),
  (t) => t.replace(/^( +)(port: \d+)\n(\1targetPort: )/m, '$1$2\n$1nodePort: 30080\n$3'),
];

const STRUCTURE = new Set(['yaml-syntax', 'schema', 'unknown-field']);
const shape = (findings: readonly Finding[]) =>
  findings.filter((f) => STRUCTURE.has(f.rule)).map((f) => `${f.range.start.line + 1} ${f.rule}: ${f.message}`);

describe('quick fixes on generated documents', () => {
  it('every fix yields a valid document without the finding it fixes', async () => {
    const stack = await renderStack({ components: [...COMPONENT_IDS], metricsServer: true });
    const documents = stack.files
      .flatMap((f) => splitDocuments(f.content).map((c) => c.text.replace(/^---\n/, '')))
      .filter((t) => /^kind: (Deployment|DaemonSet|Service)$/m.test(t));
    const services = documents.filter((t) => /^kind: Service$/m.test(t));
    let applied = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...documents.filter((t) => !/^kind: Service$/m.test(t))),
        fc.constantFrom(...BREAKAGES),
        fc.nat(),
        (doc, breakage, pick) => {
          const service = services.find((s) => s.includes(`name: ${/^ {2}name: (\S+)/m.exec(doc)?.[1] ?? ''}\n`)) ?? '';
          const text = breakage(`${doc}---\n${service}`);
          const findings = lintOne(text).filter((f) => f.fixes?.length);
          assert.deepEqual(
            shape(lintOne(text)).filter((l) => !l.includes('yaml-syntax')),
            [],
            'the breakage itself keeps the document valid',
          );
          if (findings.length === 0) return;
          const finding = findings[pick % findings.length]!;
          for (const fix of finding.fixes ?? []) {
            const fixed = applyEdits(text, fix.edits);
            const after = lintOne(fixed);
            assert.deepEqual(shape(after), [], `${finding.rule}: "${fix.title}" broke the document:\n${fixed}`);
            const same = (f: Finding) => f.rule === finding.rule && f.message === finding.message;
            assert.ok(
              after.filter(same).length < lintOne(text).filter(same).length,
              `${finding.rule}: "${fix.title}" did not fix "${finding.message}"`,
            );
            applied++;
          }
        },
      ),
      { numRuns: 150, seed: 13 },
    );
    assert.ok(applied > 50, `only ${applied} fixes applied`);
  });
});
