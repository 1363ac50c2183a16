// Activation parses dist/extension.js only; the libraries that take time to load must sit in dist/core.js.
// Checked on the development build (dist/, from `npm run build`) and on the minified production build that
// `npm run package` ships, built here into a temporary folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const HEAVY = [
  'yaml',
  '@kubernetes/client-node',
  'ws',
  'kubernetes-models',
  '@kubernetes-models',
  'diff',
  'openid-client',
  'jsonpath-plus',
];

// Loads a CLI bundle counting the functions compiled from text, then lints a folder with it.
const COUNT_COMPILED = `
let compiled = 0;
globalThis.Function = new Proxy(Function, { construct: (target, args) => (compiled++, Reflect.construct(target, args)) });
const { lintCommand } = require(process.argv[1]);
const atLoad = compiled;
const out = [];
lintCommand([process.argv[2], '--format', 'json'], { cwd: process.argv[2], env: {}, out: (l) => out.push(l), err: () => {} })
  .then(() => console.log(JSON.stringify({ atLoad, compiled, records: JSON.parse(out.join('')) })));
`;

const production = { dir: '' };
before(() => {
  production.dir = mkdtempSync(join(tmpdir(), 'starter-stack-production-'));
  const built = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', production.dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stderr);
});
after(() => rmSync(production.dir, { recursive: true, force: true }));

for (const [build, dist] of [
  ['development', () => join(ROOT, 'dist')],
  ['production (minified)', () => production.dir],
] as const)
  describe(`the extension bundle, ${build} build`, () => {
    let DIST = '';
    before(() => (DIST = dist()));
    it('keeps the heavy libraries out of the activation bundle', () => {
      const meta = JSON.parse(readFileSync(join(DIST, 'extension.meta.json'), 'utf8')) as {
        inputs: Record<string, unknown>;
      };
      const packages = new Set(
        Object.keys(meta.inputs)
          // `lazy-core:` inputs are the one-line stubs that load a module from dist/core.js.
          .filter((input) => input.includes('node_modules/') && !input.startsWith('lazy-core:'))
          .map((input) => {
            const [first, second] = input.split('node_modules/').pop()!.split('/');
            return first!.startsWith('@') ? `${first}/${second}` : first!;
          }),
      );
      assert.deepEqual(
        HEAVY.filter((p) => packages.has(p) || [...packages].some((q) => q.startsWith(`${p}/`))),
        [],
      );
      const size = readFileSync(join(DIST, 'extension.js')).length;
      assert.ok(
        size < 400_000,
        `dist/extension.js is ${size} bytes; move what activation does not need behind await import()`,
      );
    });

    it('loads the code behind the Cluster view and the stack commands on first use, not at activation', () => {
      const meta = JSON.parse(readFileSync(join(DIST, 'extension.meta.json'), 'utf8')) as {
        inputs: Record<string, unknown>;
      };
      const eager = Object.keys(meta.inputs).filter((input) => !input.startsWith('lazy-core:'));
      // The shell (view registration, status item, command ids) is eager; the model, watch cache and commands are not.
      assert.ok(
        eager.includes('src/editor/tree/clusterViewShell.ts'),
        'the Cluster view shell registers at activation',
      );
      const loadedLater = [
        'src/editor/tree/clusterTreeModel.ts',
        'src/editor/tree/clusterFeatures.ts',
        'src/editor/statusBar.ts',
        'src/editor/commands/deployStack.ts',
        'src/editor/commands/generateManifests.ts',
      ];
      assert.deepEqual(
        eager.filter((input) => loadedLater.includes(input) || input.startsWith('src/kube/')),
        [],
      );
    });

    it('uses the vscode API object as it is, not a copy of it per importing module', () => {
      // esbuild's __toESM copy of the API object cost ~20 ms of activation in code-server (measured beside a peer).
      for (const bundle of ['extension.js', 'core.js']) {
        const text = readFileSync(join(DIST, bundle), 'utf8');
        assert.equal(
          text.match(/(?<![\w$.])[\w$]+\(require\("vscode"\)\)/g)?.length ?? 0,
          0,
          `${bundle} copies the vscode API`,
        );
        assert.match(text, /= ?require\("vscode"\)/, `${bundle} requires the vscode API`);
      }
    });

    it('loads every lazily imported core module from dist/core.js', () => {
      // dist/core.js needs the vscode module, so it is read rather than loaded here.
      const core = readFileSync(join(DIST, 'core.js'), 'utf8');
      const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
      const keys = [...extension.matchAll(/require\("\.\/core\.js"\)\["([^"]+)"\]/g)].map((m) => m[1]!);
      assert.ok(keys.length > 0, 'the extension loads core modules lazily');
      for (const key of keys)
        assert.ok(
          core.includes(`exports[${JSON.stringify(key)}] = `) || core.includes(`exports[${JSON.stringify(key)}]=`),
          `dist/core.js exports ${key}`,
        );
    });
  });

for (const [build, dist] of [
  ['development', () => join(ROOT, 'dist')],
  ['production (minified)', () => production.dir],
] as const)
  describe(`the CLI dispatcher, ${build} build`, () => {
    it("loads each subcommand's bundle with require(), not through Node's ES module loader", () => {
      // import() of a CommonJS bundle makes Node scan its megabytes for ES syntax and export names first: about a
      // quarter of `starter-stack lint`'s start-up (measured on 400 files).
      const cli = readFileSync(join(dist(), 'cli.js'), 'utf8');
      assert.doesNotMatch(cli, /import\("\.\/cli-/);
      for (const bundle of ['cli-lint.js', 'cli-apply.js', 'cli-generate.js'])
        assert.match(cli, new RegExp(`require\\("\\./${bundle.replace('.', '\\.')}"\\)`), `cli.js requires ${bundle}`);
    });

    it("compiles kubernetes-models' validators when a kind is first checked, only that kind's", () => {
      // As code, the 765 validator modules (3.4 MB) were parsed at every start of `starter-stack lint`, half the
      // time that loading its bundle took (measured); as text inside the bundle, still a third. They sit beside the
      // bundles in k8s-validators.txt, read per module. A Deployment needs about 115 of them.
      const bundle = readFileSync(join(dist(), 'cli-lint.js'), 'utf8');
      assert.ok(bundle.length < 2_500_000, `cli-lint.js does not carry the validator texts (${bundle.length} chars)`);
      const dir = mkdtempSync(join(tmpdir(), 'starter-stack-schemas-'));
      try {
        writeFileSync(
          join(dir, 'deployment.yaml'),
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n',
        );
        const run = spawnSync(process.execPath, ['-e', COUNT_COMPILED, join(dist(), 'cli-lint.js'), dir], {
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, run.stderr);
        const { atLoad, compiled, records } = JSON.parse(run.stdout) as {
          atLoad: number;
          compiled: number;
          records: { rule: string; message: string }[];
        };
        assert.equal(atLoad, 0, 'no validator is compiled when the bundle loads');
        assert.ok(compiled > 0 && compiled < 200, `a Deployment compiles its validators, not all 765 (${compiled})`);
        assert.ok(
          records.some((r) => r.rule === 'schema' && /integer/.test(r.message)),
          `the schema finding on replicas: ${JSON.stringify(records)}`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
