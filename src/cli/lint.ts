import { existsSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type * as LintModule from '../lint';
import type { LintConfig, RuleSetting } from '../lint/types';
import { parseOptions } from './args';
import { ExitCode, UsageError, type CliIo } from './io';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const SETTINGS = new Set<string>(['off', 'error', 'warning', 'info']);
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist']);
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function parseLintArgs(argv: string[]): { paths: string[]; format: Format; config: LintConfig; helm: boolean } {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string' },
    rule: { type: 'string', multiple: true },
    helm: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('at least one PATH (file or folder) is required');
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json or sarif, got "${values.format}"`);
  const rules: Record<string, RuleSetting> = {};
  for (const entry of values.rule ?? []) {
    const [id, setting] = entry.split('=', 2);
    if (!id || !setting || !SETTINGS.has(setting))
      throw new UsageError(`--rule wants ID=off|error|warning|info, got "${entry}"`);
    rules[id] = setting as RuleSetting;
  }
  return { paths: positionals, format, config: { rules }, helm: values.helm === true };
}

/** What the walk found: the files to lint, what it skipped (a note) and what it could not read (a problem: exit 1). One line each. */
interface Collected {
  readonly files: Map<string, string>;
  /** Folders holding Chart.yaml: rendered with `helm template` under --helm. */
  readonly charts: Set<string>;
  readonly skipped: string[];
  readonly unreadable: string[];
}

interface Walk {
  readonly lint: typeof LintModule;
  readonly isChart: (dir: string) => Promise<boolean>;
  readonly ignored: (path: string) => boolean;
  readonly shown: (path: string) => string;
}

/** A synchronous file-system call, its error as a value. */
function tried<T>(call: () => T): T | NodeJS.ErrnoException {
  try {
    return call();
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/**
 * Files named on the command line are linted as given; folders contribute their Kubernetes-looking YAML and JSON.
 * Only regular files are opened: reading a FIFO or a device would wait forever.
 * The calls are synchronous: the parse that follows blocks anyway, and on 400 files the asynchronous calls (about
 * 2,000 round trips through libuv's thread pool) left the process idle for a tenth of its time (profiled).
 */
async function collect(path: string, explicit: boolean, walk: Walk, out: Collected): Promise<void> {
  const info: Stats | NodeJS.ErrnoException = tried(() => statSync(path));
  if (info instanceof Error && explicit && info.code === 'ENOENT')
    throw new UsageError(`no such file or folder: ${path}`);
  if (info instanceof Error)
    return void out.unreadable.push(`cannot read ${walk.shown(path)}: ${info.code ?? info.message}`);
  if (!explicit && walk.ignored(path)) return;
  if (info.isDirectory()) {
    if (await walk.isChart(path)) out.charts.add(path);
    const entries: Dirent[] | NodeJS.ErrnoException = tried(() => readdirSync(path, { withFileTypes: true }));
    if (entries instanceof Error)
      return void out.unreadable.push(`cannot read the folder ${walk.shown(path)}: ${entries.code ?? entries.message}`);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
      if (entry.isDirectory() || MANIFEST_FILE.test(entry.name))
        await collect(join(path, entry.name), false, walk, out);
    }
    return;
  }
  if (!info.isFile())
    return void out.skipped.push(`skipped ${walk.shown(path)}: not a regular file (a FIFO, socket or device)`);
  if (await walk.lint.isHelmSource(path, walk.isChart)) return;
  const bytes: Buffer | NodeJS.ErrnoException = tried(() => readFileSync(path));
  if (bytes instanceof Error)
    return void out.unreadable.push(`cannot read ${walk.shown(path)}: ${bytes.code ?? bytes.message}`);
  if (walk.lint.isBinary(bytes))
    return void (
      (explicit || MANIFEST_FILE.test(path)) &&
      out.skipped.push(`skipped ${walk.shown(path)}: not a text file`)
    );
  const text = bytes.toString('utf8');
  if (explicit || walk.lint.looksLikeKubernetes(text, path)) out.files.set(path, text);
}

/** The nearest `.starter-stack/lint.yaml` at or above a folder, with the folder it belongs to. */
async function findConfigFile(start: string, configFile: string): Promise<{ root: string; text: string } | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    const text = await readFile(join(dir, configFile), 'utf8').catch(() => undefined);
    if (text !== undefined) return { root: dir, text };
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * --helm: each chart's `helm template` output, linted as its own application, findings on the templates. Without
 * helm on PATH that is one note; a chart helm cannot render is a problem (exit 1), named with helm's reason.
 */
async function renderedCharts(
  lint: typeof LintModule,
  charts: readonly string[],
  config: LintConfig,
  io: CliIo,
  unreadable: string[],
): Promise<LintModule.FindingRecord[]> {
  const shown = (path: string): string => relative(io.cwd, path) || path;
  if (charts.length === 0) return [];
  const helm = await lint.findHelm(io.env);
  if (!helm) {
    io.err(`starter-stack lint: --helm: helm is not on PATH, so ${charts.length} chart(s) were not rendered`);
    return [];
  }
  const records: LintModule.FindingRecord[] = [];
  for (const chart of charts) {
    const rendered = await lint.renderChart(helm, chart, io.signal ? { signal: io.signal } : {});
    if (!rendered.ok) {
      const line = `cannot render the chart ${shown(chart)}: ${rendered.message}`;
      unreadable.push(line);
      io.err(`starter-stack lint: ${line}`);
      continue;
    }
    const read = (path: string) => readFileSync(path, 'utf8');
    for (const { file, finding } of lint.lintRendered(chart, rendered.output, (p) => attempt(() => read(p)), {
      config,
    }))
      records.push(lint.toRecord(finding, shown(file), shown));
  }
  return records;
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** `starter-stack lint`: exit 1 when any error-level finding or an unreadable file, else 0; 2 on bad arguments. */
export async function lintCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseLintArgs(argv);
  const lint = await import('../lint');
  const first = resolve(io.cwd, args.paths[0] ?? '.');
  const configFile = await findConfigFile(
    (await stat(first).catch(() => undefined))?.isDirectory() ? first : dirname(first),
    lint.CONFIG_FILE,
  );
  const workspaceConfig =
    configFile &&
    lint.parseConfigFile(
      configFile.text,
      lint.RULE_METAS.map((m) => m.id),
    );
  workspaceConfig?.problems.forEach((p) => io.err(`starter-stack lint: ${p}`));
  const shown = (path: string): string => relative(io.cwd, path) || path;
  const walk: Walk = {
    lint,
    isChart: lint.memoDirs((dir) => Promise.resolve(existsSync(join(dir, 'Chart.yaml')))),
    ignored: (path) =>
      configFile !== undefined && lint.isIgnored(relative(configFile.root, path), workspaceConfig?.ignore ?? []),
    shown,
  };
  const collected: Collected = { files: new Map(), charts: new Set(), skipped: [], unreadable: [] };
  for (const path of args.paths) await collect(resolve(io.cwd, path), true, walk, collected);
  for (const line of [...collected.skipped, ...collected.unreadable]) io.err(`starter-stack lint: ${line}`);
  const config = lint.mergeConfigs(workspaceConfig?.config ?? {}, args.config);
  const engine = new lint.LintEngine({
    config,
    // No output format shows quick fixes.
    fixes: false,
    displayPath: shown,
    onRuleError: (rule, e) => io.err(`starter-stack lint: rule ${rule} failed: ${String(e)}`),
  });
  for (const [path, text] of collected.files) engine.setFile(path, text);
  const records = [...collected.files.keys()].flatMap((path) =>
    engine.lintFile(path).map((f) => lint.toRecord(f, shown(path), shown)),
  );
  if (args.helm) records.push(...(await renderedCharts(lint, [...collected.charts], config, io, collected.unreadable)));
  if (args.format === 'json') io.out(JSON.stringify(records));
  else if (args.format === 'sarif') io.out(JSON.stringify(lint.formatSarif(records), null, 2));
  else lint.formatText(records).forEach((line) => io.out(line));
  return records.some((r) => r.severity === 'error') || collected.unreadable.length > 0 ? ExitCode.failed : ExitCode.ok;
}
