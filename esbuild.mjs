// Builds the three bundles: the extension (node, cjs), the CLI (node, cjs, shebang) and the webview (browser).
// `node esbuild.mjs` for development (sourcemaps), `--production` for packaging (minified), `--watch` to rebuild.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'] };

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
// The observability panel's browser bundle (webview/), once the panel exists.
if (existsSync('webview/main.ts')) {
  builds.push({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' });
}
// The in-host test suite runs inside a real VS Code; it is bundled for development builds only.
if (!production && existsSync('test/e2e/suite/index.ts')) {
  builds.push({ ...node, entryPoints: ['test/e2e/suite/index.ts'], outfile: 'dist/test/suite.js', external: ['vscode'] });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
