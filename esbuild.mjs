// Builds the bundles: the extension (node, cjs) split in two — dist/extension.js, what activation parses, and
// dist/core.js, the core modules the editor loads on first use — the CLI (node, cjs, shebang; one bundle per
// subcommand) and the webview
// (browser). `node esbuild.mjs` for development (sourcemaps), `--production` for packaging (minified),
// `--watch` to rebuild on change.
import * as esbuild from 'esbuild';
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir DIR` builds somewhere else than dist/ (the bundle test builds the production bundles into a temp folder).
const outdirArg = process.argv.indexOf('--outdir');
const out = outdirArg === -1 ? 'dist' : process.argv[outdirArg + 1];
const root = import.meta.dirname;

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'] };

/**
 * Every `await import()` in the extension (of our modules or of a library) becomes a lookup in dist/core.js, so
 * the YAML, Kubernetes and WebSocket libraries are parsed when a feature first needs them, never during
 * activation (goal ≤ 20 ms).
 * The modules found this way are recorded; dist/core.js is then built to export exactly them.
 */
/** Anything behind an `await import()` in the project: our core and editor modules, and libraries. */
const isLazyLoadable = (path) => path.startsWith(root + sep);

/**
 * Where an `await import()` leads, resolved as esbuild would (`plugin` marks the inner resolve so the plugin that
 * asks does not answer itself); undefined for any other kind of import.
 */
async function resolveDynamicImport(build, args, plugin) {
  if (args.kind !== 'dynamic-import' || args.pluginData === plugin) return undefined;
  return build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: plugin,
  });
}

function lazyCorePlugin(lazyModules) {
  return {
    name: 'lazy-core',
    setup(build) {
      build.onResolve({ filter: /^\.\/core\.js$/ }, () => ({ path: './core.js', external: true }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        const found = await resolveDynamicImport(build, args, 'lazy-core');
        if (!found || found.errors.length > 0 || !isLazyLoadable(found.path)) return undefined;
        const key = relative(root, found.path).split('\\').join('/');
        lazyModules.add(key);
        return { path: key, namespace: 'lazy-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-core' }, (args) => ({
        contents: `module.exports = require('./core.js')[${JSON.stringify(args.path)}];`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

function coreBuild(lazyModules) {
  const contents = [...lazyModules]
    .sort()
    .map((key) => `exports[${JSON.stringify(key)}] = require(${JSON.stringify(`./${key}`)});`)
    .join('\n');
  return {
    ...node,
    stdin: { contents, resolveDir: root, sourcefile: 'core-entry.js', loader: 'js' },
    outfile: `${out}/core.js`,
    external: ['vscode'],
    plugins: [vscodeApiAsIs, schemasAsText],
  };
}

/**
 * `import * as vscode from 'vscode'` compiles to `__toESM(require("vscode"))`: a copy of the whole API object
 * (getters for ~150 members) in every module that imports it, 13 at activation (activation took ~20 ms longer in
 * code-server with the copies, measured beside a peer). The API object already has every member the namespace
 * would, so the bundles use it as it is. The pattern matches `__toESM(…)` and its minified name; our code never
 * wraps this require otherwise.
 */
const VSCODE_COPY = /(?<![\w$.])[\w$]+\(require\("vscode"\)\)/g;
const vscodeApiAsIs = {
  name: 'vscode-api-as-is',
  setup: (build) =>
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const outfile = resolve(root, build.initialOptions.outfile);
      writeFileSync(outfile, readFileSync(outfile, 'utf8').replace(VSCODE_COPY, 'require("vscode")'));
    }),
};

/**
 * kubernetes-models' precompiled validators (~3.4 MB, 765 modules, every built-in kind) are compiled from text when
 * their kind is first validated. As code, V8 parsed all of it at every start of `starter-stack lint` (and when the
 * editor first lints), though a workspace uses a few kinds. The texts live beside the bundles in one file,
 * dist/k8s-validators.txt; a bundle holds each module's offset and length there and reads only the modules it
 * compiles. Inside the bundle the texts took a third of the CPU time of loading cli-lint.js (read, decoded and
 * scanned at every start, measured). Each module's `require`s of literal paths stay in the bundle as thunks, so
 * esbuild still bundles and resolves them.
 */
const SCHEMA_MODULE = /[\\/]_schemas[\\/][^\\/]+\.js$/;
const SCHEMA_PACKAGE = /[\\/]node_modules[\\/](@kubernetes-models[\\/]apimachinery|kubernetes-models)[\\/]/;
const REQUIRE_CALL = /\brequire\(("[^"]+")\)/g;
const VALIDATORS_FILE = 'k8s-validators.txt';
/** The validator texts of this run, in the order first bundled: where each sits in dist/k8s-validators.txt. */
const validatorPack = { parts: [], at: new Map(), size: 0 };

function packValidator(path, text) {
  let place = validatorPack.at.get(path);
  if (!place) {
    const bytes = Buffer.from(text, 'utf8');
    place = { offset: validatorPack.size, length: bytes.length };
    validatorPack.parts.push(bytes);
    validatorPack.size += bytes.length;
    validatorPack.at.set(path, place);
  }
  return place;
}

function writeValidatorPack() {
  mkdirSync(resolve(root, out), { recursive: true });
  writeFileSync(resolve(root, out, VALIDATORS_FILE), Buffer.concat(validatorPack.parts));
}

// Reads one validator's text from dist/k8s-validators.txt (beside the bundle) when its kind is first validated.
const VALIDATOR_READER = `
const { closeSync, openSync, readSync } = require('node:fs');
const { join } = require('node:path');
exports.validatorText = (offset, length, name) => {
  const fd = openSync(join(__dirname, ${JSON.stringify(VALIDATORS_FILE)}), 'r');
  try {
    const bytes = Buffer.allocUnsafe(length);
    if (readSync(fd, bytes, 0, length, offset) !== length) throw new Error(name + ': ${VALIDATORS_FILE} is shorter than this bundle expects; rebuild');
    return bytes.toString('utf8') + '\\n//# sourceURL=' + name;
  } finally {
    closeSync(fd);
  }
};
`;
const schemasAsText = {
  name: 'schemas-as-text',
  setup(build) {
    // Every build that ends writes what all builds of this run have packed so far: the last one writes all of it.
    build.onEnd((result) => {
      if (result.errors.length === 0) writeValidatorPack();
    });
    build.onResolve({ filter: /^validator-reader$/ }, () => ({
      path: 'validator-reader',
      namespace: 'validator-reader',
    }));
    build.onLoad({ filter: /.*/, namespace: 'validator-reader' }, () => ({ contents: VALIDATOR_READER, loader: 'js' }));
    build.onLoad({ filter: SCHEMA_MODULE }, (args) => {
      if (!SCHEMA_PACKAGE.test(args.path)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const required = [...new Set([...source.matchAll(REQUIRE_CALL)].map((m) => m[1]))];
      const thunks = required.map((path) => `${path}: () => require(${path})`).join(',\n');
      const name = relative(root, args.path)
        .split(sep)
        .join('/')
        .replace(/^.*node_modules\//, '');
      const { offset, length } = packValidator(args.path, source);
      const text = `require('validator-reader').validatorText(${offset}, ${length}, ${JSON.stringify(name)})`;
      return {
        contents: `const required = {\n${thunks}\n};\nnew Function('exports', 'require', 'module', ${text})(exports, (path) => required[path](), module);\n`,
        loader: 'js',
      };
    });
  },
};

const lazyModules = new Set();
const extension = {
  ...node,
  entryPoints: ['src/extension.ts'],
  outfile: `${out}/extension.js`,
  external: ['vscode'],
  metafile: true,
  plugins: [lazyCorePlugin(lazyModules), vscodeApiAsIs],
};
/**
 * The CLI: dist/cli.js is the dispatcher alone (arguments, help, version); each `import('./cli/x')` in src/cli.ts
 * becomes `require('./cli-x.js')`, a bundle of that subcommand, so a command parses only its own code. The
 * bundles share no module instances (the dispatcher recognises a usage error by its name).
 * A `require`, not an `import()` of an external file: Node's ESM loader would read a CommonJS bundle twice and
 * scan all of it for export names before running it (~40% of `apply --dry-run`'s CPU time, profiled).
 */
const CLI_SUBCOMMAND = /^\.\/cli\/([A-Za-z]+)$/;
const CLI_CHUNK_FILE = /^\.\/cli-[A-Za-z]+\.js$/;
const cliSubcommands = [
  'generate',
  'apply',
  'delete',
  'lint',
  'scaffold',
  'images',
  'demoCluster',
  'doctor',
  'workloadActions',
  'rollout',
  'verify',
  'load',
];
const cliChunks = {
  name: 'cli-chunks',
  setup(build) {
    build.onResolve({ filter: CLI_SUBCOMMAND }, (args) => {
      if (args.kind !== 'dynamic-import' || !args.importer.endsWith(`${sep}src${sep}cli.ts`)) return undefined;
      const name = CLI_SUBCOMMAND.exec(args.path)[1];
      if (!cliSubcommands.includes(name))
        return { errors: [{ text: `${args.path}: add it to cliSubcommands in esbuild.mjs` }] };
      return { path: name, namespace: 'cli-chunk' };
    });
    // `lint`'s bundle goes through V8's code cache (src/cli/codeCache.ts), with the plain require as fallback.
    build.onLoad({ filter: /.*/, namespace: 'cli-chunk' }, (args) => {
      const file = JSON.stringify(`./cli-${args.path}.js`);
      const cached = args.path === 'lint';
      return {
        contents: cached
          ? `module.exports = require('./src/cli/codeCache.ts').requireBundle(${file}, () => require(${file}));`
          : `module.exports = require(${file});`,
        loader: 'js',
        resolveDir: root,
      };
    });
    build.onResolve({ filter: CLI_CHUNK_FILE, namespace: 'cli-chunk' }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};
/**
 * @kubernetes/client-node (~5 MB with its generated API) is a bundle of its own for the CLI, dist/cli-clientNode.js,
 * required where a subcommand's `await import('…/kube/clientNode')` runs: only for exec plugins, auth providers,
 * proxies, logs and port-forwards. Apply with a token or certificates never reads it.
 */
const CLIENT_NODE = `${sep}src${sep}kube${sep}clientNode.ts`;
const cliClientNodeChunk = {
  name: 'cli-client-node-chunk',
  setup(build) {
    build.onResolve({ filter: /\/clientNode$/ }, async (args) => {
      const found = await resolveDynamicImport(build, args, 'cli-client-node-chunk');
      return found?.path.endsWith(CLIENT_NODE) ? { path: 'clientNode', namespace: 'cli-chunk' } : undefined;
    });
  },
};
/**
 * `yaml` (~265 KB of the apply bundle, half of it) is a bundle of its own for the subcommands in YAML_CHUNK_USERS,
 * dist/cli-yaml.js, required where their code first uses it (src/util/yamlLib.ts): `apply` reads manifests with
 * js-yaml and prints a diff only for an object that changes, so an ordinary run neither reads nor parses it. `lint`
 * keeps it inside its bundle, which the code cache covers.
 */
const YAML_CHUNK_USERS = ['apply'];
const cliYamlChunk = {
  name: 'cli-yaml-chunk',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'cli-chunk' }));
  },
};
const others = [
  {
    ...node,
    entryPoints: ['src/cli.ts'],
    outfile: `${out}/cli.js`,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [cliChunks],
  },
  ...cliSubcommands.map((name) => ({
    ...node,
    entryPoints: [`src/cli/${name}.ts`],
    outfile: `${out}/cli-${name}.js`,
    plugins: [...(YAML_CHUNK_USERS.includes(name) ? [cliYamlChunk] : []), cliClientNodeChunk, cliChunks, schemasAsText],
  })),
  { ...node, entryPoints: ['src/kube/clientNode.ts'], outfile: `${out}/cli-clientNode.js` },
  {
    ...node,
    stdin: { contents: "module.exports = require('yaml');", resolveDir: root, sourcefile: 'cli-yaml-entry.js' },
    outfile: `${out}/cli-yaml.js`,
  },
];
// The observability panel's browser bundle (webview/), once the panel exists.
if (existsSync('webview/main.ts')) {
  others.push({
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: ['webview/main.ts'],
    outfile: `${out}/webview.js`,
  });
}
// The in-host test suite runs inside a real VS Code; it is bundled for development builds only.
if (!production && existsSync('test/e2e/suite/index.ts')) {
  others.push({
    ...node,
    entryPoints: ['test/e2e/suite/index.ts'],
    outfile: `${out}/test/suite.js`,
    external: ['vscode'],
  });
}

/** What the activation bundle holds, for the test that keeps heavy libraries out of it. */
function writeMetafile(result) {
  mkdirSync(resolve(root, out), { recursive: true });
  writeFileSync(resolve(root, out, 'extension.meta.json'), JSON.stringify(result.metafile));
}

if (watch) {
  const core = { ctx: undefined };
  const rebuildCore = {
    name: 'rebuild-core',
    setup: (b) =>
      b.onEnd(async (r) => {
        if (r.errors.length > 0) return;
        writeMetafile(r);
        await core.ctx?.dispose();
        core.ctx = await esbuild.context(coreBuild(lazyModules));
        await core.ctx.rebuild();
      }),
  };
  const contexts = await Promise.all(
    [{ ...extension, plugins: [...extension.plugins, rebuildCore] }, ...others].map((b) => esbuild.context(b)),
  );
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const [extensionResult] = await Promise.all([esbuild.build(extension), ...others.map((b) => esbuild.build(b))]);
  writeMetafile(extensionResult);
  await esbuild.build(coreBuild(lazyModules));
}
