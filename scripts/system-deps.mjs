#!/usr/bin/env node
// The one place that knows which Debian packages the project needs, and why. `npm start`, `npm test`,
// `npm run test:e2e` and `.ci/run` call it before they do anything else:
//   node scripts/system-deps.mjs start|test|e2e|all
// Nothing missing: silent, exit 0. As root on Debian or Ubuntu: installs what is missing with apt-get, saying what
// and why. Otherwise: prints the one command to run and exits 2.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each group: who needs it, why, and the packages. */
export const GROUPS = [
  {
    for: ['start', 'e2e'],
    why: 'code-server (the real VS Code) builds its native modules against these; ripgrep replaces the binary its installer would download',
    packages: ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep'],
  },
  {
    for: ['test', 'e2e'],
    why: 'headless Chromium drives the webview and the real VS Code',
    packages: ['chromium', 'fonts-liberation'],
  },
  {
    for: ['test', 'e2e'],
    why: 'a real Prometheus and node-exporter for the charts; promtool checks the generated scrape config',
    packages: ['prometheus', 'prometheus-node-exporter'],
  },
  {
    for: ['test'],
    why: 'the items API (FastAPI) runs for real in its tests',
    packages: ['python3-fastapi', 'python3-uvicorn', 'python3-psycopg2', 'python3-prometheus-client'],
  },
  {
    for: ['test'],
    why: 'the products API (Go) is built and run in its tests',
    packages: ['golang-go', 'golang-github-lib-pq-dev', 'golang-github-prometheus-client-golang-dev'],
  },
  {
    for: ['test'],
    why: "the frontend's nginx configuration is checked with nginx -t and served",
    packages: ['nginx-light'],
  },
  { for: ['test'], why: 'the items and products APIs run against a real PostgreSQL', packages: ['postgresql'] },
];

const PURPOSES = ['start', 'test', 'e2e', 'all'];

/** The groups a purpose needs. */
export function groupsFor(purpose) {
  return GROUPS.filter((g) => purpose === 'all' || g.for.includes(purpose));
}

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function main(argv) {
  const purpose = argv[0] ?? 'all';
  if (!PURPOSES.includes(purpose)) {
    console.error(`system-deps: unknown purpose "${purpose}" (one of ${PURPOSES.join(', ')})`);
    return 2;
  }
  const apt = spawnSync('sh', ['-c', 'command -v apt-get && command -v dpkg-query'], { encoding: 'utf8' }).status === 0;
  const groups = groupsFor(purpose);
  if (!apt || !existsSync('/etc/debian_version')) {
    console.error(
      `system-deps: not a Debian or Ubuntu machine; install the equivalents of: ${groups.flatMap((g) => g.packages).join(' ')}`,
    );
    return 2;
  }
  const missing = groups
    .map((g) => ({ ...g, packages: g.packages.filter((p) => !installed(p)) }))
    .filter((g) => g.packages.length > 0);
  if (missing.length === 0) return 0;
  const packages = missing.flatMap((g) => g.packages);
  const reasons = missing.map((g) => `  ${g.packages.join(' ')}: ${g.why}`).join('\n');
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `system-deps: ${purpose} needs Debian packages that are not installed:\n${reasons}\nRun:\n  sudo sh -c '${command}'`,
    );
    return 2;
  }
  console.error(`system-deps: installing for ${purpose}:\n${reasons}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const install =
    update.status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  if (!install || install.status !== 0) {
    console.error(`system-deps: apt-get failed; run it yourself:\n  ${command}`);
    return 1;
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
