// `npm run package` (after the .vsix): the CLI as an npm package of its own, starter-stack-cli-<version>.tgz,
// holding only what the CLI runs: dist/cli.js, its per-subcommand bundles, the validator texts, and templates/. Install it with
// `npm install -g ./starter-stack-cli-<version>.tgz`. The bundles carry their libraries, so it has no dependencies.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The bundles, and the validator texts that `lint` reads beside them (see esbuild.mjs).
const bundles = readdirSync(join(root, 'dist')).filter((f) => /^cli(-[A-Za-z]+)?\.js$|^k8s-validators\.txt$/.test(f));
if (!bundles.includes('cli.js')) {
  console.error('package-cli: dist/cli.js is missing; run `node esbuild.mjs --production` first');
  process.exit(1);
}

const stage = mkdtempSync(join(tmpdir(), 'starter-stack-cli-'));
try {
  for (const file of bundles) cpSync(join(root, 'dist', file), join(stage, 'dist', file));
  cpSync(join(root, 'templates'), join(stage, 'templates'), { recursive: true });
  if (existsSync(join(root, 'LICENSE'))) cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  writeFileSync(join(stage, 'README.md'), readme());
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest(), null, 2)}\n`);
  const out = execFileSync('npm', ['pack', '--pack-destination', root, '--json'], { cwd: stage, encoding: 'utf8' });
  const [{ filename, entryCount, size }] = JSON.parse(out);
  console.log(`package-cli: ${filename} (${entryCount} files, ${Math.round(size / 1024)} kB)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

function manifest() {
  return {
    name: 'starter-stack-cli',
    version: project.version,
    description:
      'The Kubernetes Starter Stack command line: generate, lint, apply and delete the stack, scaffold its apps, run a demo cluster (a simulator).',
    license: project.license,
    bin: { 'starter-stack': 'dist/cli.js' },
    files: ['dist/', 'templates/', 'README.md', 'LICENSE'],
    engines: { node: project.engines.node },
    keywords: project.keywords,
  };
}

function readme() {
  return `# starter-stack (CLI of the Kubernetes Starter Stack)

\`\`\`sh
npm install -g ./starter-stack-cli-${project.version}.tgz
starter-stack --help
\`\`\`

Node.js ${project.engines.node}. \`starter-stack demo-cluster\` needs the \`openssl\` command. The full documentation
is the README of the Kubernetes Starter Stack extension.
`;
}
