// `npm run bench -- lint`: our engine against @monokle/validation on the same 1,000 documents, plus keystroke latency.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { LintEngine } from '../../src/lint/engine';
import { splitDocuments } from '../../src/lint/parse';
import { RULES } from '../../src/lint/rules';
import type { Finding } from '../../src/lint/types';
import { renderStack } from '../support/stack';

const DOCS = 1000;
const BIG_FILE_LINES = 2000;
const CROSS_RULES = new Set(RULES.filter((r) => r.crossObject).map((r) => r.id));

interface BenchFile {
  readonly path: string;
  readonly text: string;
}

// Faults the peer's resource-link check can see too: references to names that do not exist.
const FAULTS: readonly ((text: string) => string)[] = [
  (t) => t.replace(/(secretKeyRef:\n\s+name: )([\w-]+)/, '$1$2-typo'),
  (t) => t.replace(/(configMap:\n\s+name: )([\w-]+)/, '$1$2-typo'),
  (t) => t.replace(/(claimName: )([\w-]+)/, '$1$2-typo'),
  (t) => t.replace(/(serviceAccountName: )([\w-]+)/, '$1$2-typo'),
  (t) => t.replace(/(service:\n\s+name: )([\w-]+)/, '$1$2-typo'),
];

/**
 * The generated stack replicated in numbered namespaces, cut at DOCS documents, with a fault in every third copy.
 * `prefix` names the namespaces and folders: the warm-up workspace has other text than the measured one.
 */
async function workspace(prefix = 'team'): Promise<BenchFile[]> {
  const files: BenchFile[] = [];
  let docs = 0;
  for (let copy = 0; docs < DOCS; copy++) {
    const stack = await renderStack({ namespace: `${prefix}-${copy}`, metricsServer: copy === 0 });
    for (const file of stack.files.filter((f) => f.component !== undefined)) {
      const chunks = splitDocuments(file.content)
        .filter((c) => /^kind:/m.test(c.text))
        .slice(0, DOCS - docs);
      if (chunks.length === 0) continue;
      const fault = copy % 3 === 1 ? FAULTS[(copy + file.path.length) % FAULTS.length] : undefined;
      const text = chunks.map((c) => c.text).join('');
      files.push({
        path: `/${prefix === 'team' ? 'ws' : prefix}/${prefix}-${copy}/${file.path}`,
        text: fault ? fault(text) : text,
      });
      docs += chunks.length;
    }
  }
  return files;
}

/** A ~2,000-line file of workload documents (the dashboards' ConfigMaps left out: they are one scalar each). */
function bigFile(files: readonly BenchFile[]): string {
  const parts: string[] = [];
  let lines = 0;
  for (const chunk of files.flatMap((f) => splitDocuments(f.text))) {
    if (lines >= BIG_FILE_LINES) break;
    if (!/^kind: (Deployment|Service|HorizontalPodAutoscaler|Ingress)$/m.test(chunk.text)) continue;
    const text = chunk.text.startsWith('---') ? chunk.text : `---\n${chunk.text}`;
    parts.push(text.replace(/namespace: team-\d+/g, 'namespace: big'));
    lines += text.split('\n').length - 1;
  }
  return parts.join('');
}

/** About 400 files of one or two documents each, the shape of a repository (the stack's files split per object). */
async function manyFiles(): Promise<BenchFile[]> {
  const files: BenchFile[] = [];
  for (let copy = 0; files.length < PROCESS_FILES; copy++) {
    const stack = await renderStack({ namespace: `app-${copy}` });
    for (const file of stack.files.filter((f) => f.component !== undefined)) {
      splitDocuments(file.content).forEach((chunk, i) => {
        if (/^kind:/m.test(chunk.text) && files.length < PROCESS_FILES)
          files.push({ path: `ws/app-${copy}/${i}-${file.path}`, text: chunk.text.replace(/^---\n/, '') });
      });
    }
  }
  return files;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (n: number) => Math.round(n * 100) / 100;

function lintOurs(files: readonly BenchFile[]): { ms: number; findings: Finding[] } {
  const started = performance.now();
  const engine = new LintEngine();
  for (const file of files) engine.setFile(file.path, file.text);
  const findings = [...engine.lintAll().values()].flat();
  return { ms: performance.now() - started, findings };
}

/** Types one line into the middle of the big file, a keystroke at a time; each step is what the editor does. */
function keystrokes(files: readonly BenchFile[]): { perKey: number[]; dependents: number[] } {
  const engine = new LintEngine();
  for (const file of files) engine.setFile(file.path, file.text);
  const big = bigFile(files);
  engine.setFile('/ws/big.yaml', big);
  engine.lintAll();
  const at = big.indexOf('          env:\n') + '          env:\n'.length;
  const typed =
    '            - name: FEATURE_FLAGS\n              value: "search,checkout,recommendations,reviews,wishlist"\n            - name: CACHE_TTL_SECONDS\n              value: "300"\n';
  const perKey: number[] = [];
  const dependents: number[] = [];
  for (let i = 1; i <= typed.length; i++) {
    const started = performance.now();
    const [self, ...others] = engine.setFile('/ws/big.yaml', big.slice(0, at) + typed.slice(0, i) + big.slice(at));
    if (self) engine.lintFile(self);
    const edited = performance.now();
    others.forEach((uri) => engine.lintFile(uri));
    perKey.push(edited - started);
    dependents.push(performance.now() - edited);
  }
  return { perKey, dependents };
}

interface PeerFinding {
  readonly rule: string;
  readonly file: string;
  /** 1-based line in the file. */
  readonly line: number;
}

interface MonokleModule {
  createDefaultMonokleValidator(): {
    preload(config: unknown): Promise<void>;
    validate(args: { resources: unknown[] }): Promise<{ runs: { results: MonokleResult[] }[] }>;
  };
  processRefs(resources: unknown[], parser: unknown): unknown[];
  ResourceParser: new () => unknown;
}

interface MonokleResult {
  readonly ruleId: string;
  readonly locations: {
    physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
  }[];
}

/** Monokle's Resource objects, built with `yaml` as its own app does; `fileOffset` is the document's first line. */
function peerResources(files: readonly BenchFile[]): unknown[] {
  return files.flatMap((file) =>
    splitDocuments(file.text).flatMap((chunk, i) => {
      const content = parseAllDocuments(chunk.text)[0]?.toJS() as Record<string, unknown> | null | undefined;
      if (!content || typeof content.kind !== 'string') return [];
      const metadata = (content.metadata ?? {}) as Record<string, unknown>;
      return [
        {
          id: `${file.path}#${i}`,
          fileId: file.path,
          filePath: file.path,
          fileOffset: chunk.startLine,
          name: metadata.name,
          namespace: metadata.namespace,
          apiVersion: content.apiVersion,
          kind: content.kind,
          content,
          text: chunk.text,
        },
      ];
    }),
  );
}

/** @monokle/validation with its offline plugins (kubernetes-schema and OPA fetch from the network). */
async function lintPeer(files: readonly BenchFile[]): Promise<{ ms: number; cross: PeerFinding[] }> {
  const monokle = (await import('@monokle/validation')) as unknown as MonokleModule;
  const validator = monokle.createDefaultMonokleValidator();
  await validator.preload({
    plugins: {
      'resource-links': true,
      'yaml-syntax': true,
      practices: true,
      'kubernetes-schema': false,
      'open-policy-agent': false,
    },
  });
  const started = performance.now();
  const resources = peerResources(files);
  monokle.processRefs(resources, new monokle.ResourceParser());
  const response = await validator.validate({ resources });
  const ms = performance.now() - started;
  const cross = (response.runs[0]?.results ?? [])
    .filter((r) => r.ruleId === 'LNK001' || r.ruleId === 'LNK003')
    .flatMap((r) => {
      const location = r.locations.find(
        (l) => l.physicalLocation?.artifactLocation.uriBaseId === 'SRCROOT',
      )?.physicalLocation;
      return location?.region
        ? [{ rule: r.ruleId, file: `/${location.artifactLocation.uri}`, line: location.region.startLine }]
        : [];
    });
  return { ms, cross };
}

/** Peer findings that one of our cross-object findings also reports, on the same line of the same file. */
function covered(peer: readonly PeerFinding[], ours: readonly Finding[]): PeerFinding[] {
  const lines = new Set(ours.filter((f) => CROSS_RULES.has(f.rule)).map((f) => `${f.uri}:${f.range.start.line + 1}`));
  return peer.filter((p) => lines.has(`${p.file}:${p.line}`));
}

// The peer flags bindings to roles the API server creates itself (system:auth-delegator, the
// extension-apiserver-authentication-reader Role in kube-system); we know those exist.
function refersToBuiltInRole(files: readonly BenchFile[], finding: PeerFinding): boolean {
  const line = files.find((f) => f.path === finding.file)?.text.split('\n')[finding.line - 1] ?? '';
  return /name: (system:|extension-apiserver-authentication-reader)/.test(line);
}

const PROCESS_FILES = 400;
const CLI = join(__dirname, '../../dist/cli.js');

// The peer has no CLI: this is the smallest whole program that lints a folder with it, as a CI step would.
const PEER_PROGRAM = `
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseAllDocuments } = require('yaml');
const monokle = require('@monokle/validation');
(async () => {
  const root = process.argv[2];
  const resources = [];
  for (const dir of readdirSync(root)) for (const name of readdirSync(join(root, dir))) {
    const path = join(root, dir, name);
    const text = readFileSync(path, 'utf8');
    parseAllDocuments(text).forEach((doc, i) => {
      const content = doc.toJS();
      if (!content || typeof content.kind !== 'string') return;
      const metadata = content.metadata || {};
      resources.push({ id: path + '#' + i, fileId: path, filePath: path, fileOffset: 0, name: metadata.name, namespace: metadata.namespace, apiVersion: content.apiVersion, kind: content.kind, content, text: String(doc) });
    });
  }
  const validator = monokle.createDefaultMonokleValidator();
  await validator.preload({ plugins: { 'resource-links': true, 'yaml-syntax': true, practices: true, 'kubernetes-schema': false, 'open-policy-agent': false } });
  monokle.processRefs(resources, new monokle.ResourceParser());
  const response = await validator.validate({ resources });
  console.log(response.runs[0].results.length);
})();
`;

function timed(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args.join(' ')} exited ${String(result.status)}: ${result.stderr.slice(0, 300)}`);
  return performance.now() - started;
}

/**
 * `starter-stack lint DIR` against the peer's whole program on about 400 files; best of three each. Ours runs with an
 * empty code cache first (`cold`: what a user's first run pays, writing the cache included), then three times warm.
 */
function processRatio(files: readonly BenchFile[]): {
  ours_ms: number;
  ours_cold_ms: number;
  peer_ms: number;
  files: number;
} {
  const root = mkdtempSync(join(tmpdir(), 'starter-stack-lint-bench-'));
  try {
    const picked = files.slice(0, PROCESS_FILES);
    for (const file of picked) {
      const path = join(root, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    const peerScript = join(__dirname, '../../.bench-peer-lint.cjs');
    writeFileSync(peerScript, PEER_PROGRAM);
    try {
      const env = { ...process.env, STARTER_STACK_CODE_CACHE: join(root, 'code-cache') };
      const lint = () => timed([CLI, 'lint', join(root, 'ws'), '--format', 'json'], root, env);
      const cold = lint();
      const ours = Math.min(...[0, 1, 2].map(lint));
      const peer = Math.min(...[0, 1, 2].map(() => timed([peerScript, join(root, 'ws')], root)));
      return { ours_ms: ours, ours_cold_ms: cold, peer_ms: peer, files: picked.length };
    } finally {
      rmSync(peerScript, { force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchLint(): Promise<Record<string, unknown>> {
  const files = await workspace();
  // Both sides warm up on the same other text of the same size (so the measured runs parse everything, with code
  // equally warm): validators load once, as in a long-lived editor.
  const warmUp = await workspace('warm');
  lintOurs(warmUp);
  await lintPeer(warmUp);
  const ours = lintOurs(files);
  const peer = await lintPeer(files);
  const { perKey, dependents } = keystrokes(files);
  const processes = processRatio(await manyFiles());
  const missed = peer.cross.filter((p) => !covered([p], ours.findings).length);
  const builtIn = missed.filter((p) => refersToBuiltInRole(files, p));
  for (const p of missed)
    console.error(
      `peer only: ${p.rule} ${p.file}:${p.line}${builtIn.includes(p) ? ' (a built-in role every cluster has: not a problem)' : ''}`,
    );
  return {
    bench: 'lint',
    docs: DOCS,
    full_ms: round(ours.ms),
    keystroke_ms_p50: round(percentile(perKey, 50)),
    keystroke_ms_p95: round(percentile(perKey, 95)),
    peer: '@monokle/validation',
    peer_full_ms: round(peer.ms),
    ratio: round(peer.ms / ours.ms),
    process_ratio: round(processes.peer_ms / processes.ours_ms),
    process_ratio_cold: round(processes.peer_ms / processes.ours_cold_ms),
    process_files: processes.files,
    process_ms: round(processes.ours_ms),
    process_ms_cold: round(processes.ours_cold_ms),
    peer_process_ms: round(processes.peer_ms),
    peer_cross_findings: peer.cross.length,
    ours_on_those: covered(peer.cross, ours.findings).length,
    ours_cross_findings: ours.findings.filter((f) => CROSS_RULES.has(f.rule)).length,
    peer_built_in_role_refs: builtIn.length,
    ours_findings: ours.findings.length,
    dependents_ms_p95: round(percentile(dependents, 95)),
    keystrokes: perKey.length,
    keystrokes_over_15ms: perKey.filter((ms) => ms > 15).length,
    load_average: round(loadavg()[0] ?? 0),
  };
}
