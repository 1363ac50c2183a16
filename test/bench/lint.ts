// `npm run bench -- lint`: our engine against @monokle/validation on the same 1,000 documents, plus keystroke latency.
import { loadavg } from 'node:os';
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

/** The generated stack replicated in numbered namespaces, cut at DOCS documents, with a fault in every third copy. */
async function workspace(): Promise<BenchFile[]> {
  const files: BenchFile[] = [];
  let docs = 0;
  for (let copy = 0; docs < DOCS; copy++) {
    const stack = await renderStack({ namespace: `team-${copy}`, metricsServer: copy === 0 });
    for (const file of stack.files.filter((f) => f.component !== undefined)) {
      const chunks = splitDocuments(file.content).filter((c) => /^kind:/m.test(c.text)).slice(0, DOCS - docs);
      if (chunks.length === 0) continue;
      const fault = copy % 3 === 1 ? FAULTS[(copy + file.path.length) % FAULTS.length] : undefined;
      const text = chunks.map((c) => c.text).join('');
      files.push({ path: `/ws/team-${copy}/${file.path}`, text: fault ? fault(text) : text });
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
  const typed = '            - name: FEATURE_FLAGS\n              value: "search,checkout,recommendations,reviews,wishlist"\n            - name: CACHE_TTL_SECONDS\n              value: "300"\n';
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
  readonly locations: { physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } }[];
}

/** Monokle's Resource objects, built with `yaml` as its own app does; `fileOffset` is the document's first line. */
function peerResources(files: readonly BenchFile[]): unknown[] {
  return files.flatMap((file) =>
    splitDocuments(file.text).flatMap((chunk, i) => {
      const content = parseAllDocuments(chunk.text)[0]?.toJS() as Record<string, unknown> | null | undefined;
      if (!content || typeof content.kind !== 'string') return [];
      const metadata = (content.metadata ?? {}) as Record<string, unknown>;
      return [{
        id: `${file.path}#${i}`, fileId: file.path, filePath: file.path, fileOffset: chunk.startLine,
        name: metadata.name, namespace: metadata.namespace, apiVersion: content.apiVersion, kind: content.kind, content, text: chunk.text,
      }];
    }),
  );
}

/** @monokle/validation with its offline plugins (kubernetes-schema and OPA fetch from the network). */
async function lintPeer(files: readonly BenchFile[]): Promise<{ ms: number; cross: PeerFinding[] }> {
  const monokle = (await import('@monokle/validation')) as unknown as MonokleModule;
  const validator = monokle.createDefaultMonokleValidator();
  await validator.preload({ plugins: { 'resource-links': true, 'yaml-syntax': true, practices: true, 'kubernetes-schema': false, 'open-policy-agent': false } });
  const started = performance.now();
  const resources = peerResources(files);
  monokle.processRefs(resources, new monokle.ResourceParser());
  const response = await validator.validate({ resources });
  const ms = performance.now() - started;
  const cross = (response.runs[0]?.results ?? [])
    .filter((r) => r.ruleId === 'LNK001' || r.ruleId === 'LNK003')
    .flatMap((r) => {
      const location = r.locations.find((l) => l.physicalLocation?.artifactLocation.uriBaseId === 'SRCROOT')?.physicalLocation;
      return location?.region ? [{ rule: r.ruleId, file: `/${location.artifactLocation.uri}`, line: location.region.startLine }] : [];
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

export async function benchLint(): Promise<Record<string, unknown>> {
  const files = await workspace();
  // Warm-up on other text (so the measured run parses everything): validators load once, as in a long-lived editor.
  lintOurs((await renderStack({ namespace: 'warm-up' })).files.map((f) => ({ path: `/warm-up/${f.path}`, text: f.content })));
  await lintPeer(files);
  const ours = lintOurs(files);
  const peer = await lintPeer(files);
  const { perKey, dependents } = keystrokes(files);
  const missed = peer.cross.filter((p) => !covered([p], ours.findings).length);
  const builtIn = missed.filter((p) => refersToBuiltInRole(files, p));
  for (const p of missed) console.error(`peer only: ${p.rule} ${p.file}:${p.line}${builtIn.includes(p) ? ' (a built-in role every cluster has: not a problem)' : ''}`);
  return {
    bench: 'lint',
    docs: DOCS,
    full_ms: round(ours.ms),
    keystroke_ms_p50: round(percentile(perKey, 50)),
    keystroke_ms_p95: round(percentile(perKey, 95)),
    peer: '@monokle/validation',
    peer_full_ms: round(peer.ms),
    ratio: round(peer.ms / ours.ms),
    peer_cross_findings: peer.cross.length,
    ours_on_those: covered(peer.cross, ours.findings).length,
    peer_built_in_role_refs: builtIn.length,
    ours_findings: ours.findings.length,
    dependents_ms_p95: round(percentile(dependents, 95)),
    keystrokes: perKey.length,
    keystrokes_over_15ms: perKey.filter((ms) => ms > 15).length,
    load_average: round(loadavg()[0] ?? 0),
  };
}
