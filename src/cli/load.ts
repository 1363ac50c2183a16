import { loadTestStatus, startLoadTest, stopLoadTests, type LoadTestStatus } from '../kube/load';
import {
  DEFAULT_DURATION_SECONDS,
  DEFAULT_RPS,
  formatDuration,
  MAX_DURATION_SECONDS,
  MAX_RPS,
  parseDuration,
} from '../kube/loadObjects';
import { outputFormat, parseClusterArgs, wholeNumber, withSession, type ClusterArgs } from './clusterArgs';
import { ExitCode, UsageError, type CliIo } from './io';

const SERVICE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `starter-stack load start|stop|status`: a k6 Job against a Service, to watch its HPA scale. */
export async function loadCommand(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  const output = { output: { type: 'string', short: 'o' } } as const;
  if (action === 'start')
    return start(
      parseClusterArgs(rest, {
        ...output,
        rps: { type: 'string' },
        duration: { type: 'string' },
        path: { type: 'string' },
      }),
      io,
    );
  if (action === 'stop') return stop(parseClusterArgs(rest, output), io);
  if (action === 'status') return status(parseClusterArgs(rest, output), io);
  throw new UsageError(
    action === undefined ? 'missing start, stop or status' : `unknown load action "${action}" (start, stop or status)`,
  );
}

function serviceArgument(args: ClusterArgs, required: boolean): string | undefined {
  const [service, extra] = args.positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (service === undefined) {
    if (required) throw new UsageError('missing SERVICE (e.g. node-api)');
    return undefined;
  }
  if (!SERVICE_NAME.test(service))
    throw new UsageError(`SERVICE must be a Service name (lowercase letters, digits and -), got "${service}"`);
  return service;
}

/** `--duration 90s|5m|1m30s`, within a day. */
export function durationOption(args: ClusterArgs): number {
  const raw = args.values.duration;
  if (raw === undefined) return DEFAULT_DURATION_SECONDS;
  const seconds = typeof raw === 'string' ? parseDuration(raw) : undefined;
  if (seconds === undefined || seconds < 10 || seconds > MAX_DURATION_SECONDS)
    throw new UsageError(`--duration must be a duration from 10s to 24h such as 90s or 5m, got "${String(raw)}"`);
  return seconds;
}

function pathOption(args: ClusterArgs): string {
  const raw = args.values.path ?? '/';
  if (typeof raw !== 'string' || !raw.startsWith('/') || /[\s"'`\\]/.test(raw))
    throw new UsageError(`--path must start with / and hold no spaces or quotes, got "${String(raw)}"`);
  return raw;
}

async function start(args: ClusterArgs, io: CliIo): Promise<number> {
  const output = outputFormat(args);
  const service = serviceArgument(args, true)!;
  const rps = wholeNumber(args, 'rps', 1, MAX_RPS) ?? DEFAULT_RPS;
  const durationSeconds = durationOption(args);
  const path = pathOption(args);
  return withSession(args, io, 'load start', async ({ client, target }) => {
    const namespace = target.namespace;
    const started = await startLoadTest(client, { namespace, service, rps, durationSeconds, path }, io.signal);
    if (!started.ok) return failed(io, 'load start', started.error.message);
    const { job, spec } = started.value;
    if (output === 'json') io.out(JSON.stringify({ namespace, service, job, rps, durationSeconds, path }));
    else
      io.out(
        `Started load test ${job} in ${namespace}: ${rps} requests/s for ${formatDuration(spec.durationSeconds)} against ${service}${path} (k6). Follow it with: starter-stack load status -n ${namespace}`,
      );
    return ExitCode.ok;
  });
}

async function stop(args: ClusterArgs, io: CliIo): Promise<number> {
  const output = outputFormat(args);
  const service = serviceArgument(args, false);
  return withSession(args, io, 'load stop', async ({ client, target }) => {
    const stopped = await stopLoadTests(client, target.namespace, service);
    if (!stopped.ok) return failed(io, 'load stop', stopped.error.message);
    if (output === 'json') io.out(JSON.stringify({ namespace: target.namespace, stopped: stopped.value }));
    else if (stopped.value.length === 0)
      io.out(`No load test${service ? ` against ${service}` : ''} in ${target.namespace}.`);
    else
      io.out(
        `Stopped the load test against ${stopped.value.join(', ')} in ${target.namespace}; the HPA scales down after its stabilisation window.`,
      );
    return ExitCode.ok;
  });
}

async function status(args: ClusterArgs, io: CliIo): Promise<number> {
  const output = outputFormat(args);
  if (args.positionals[0] !== undefined) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  return withSession(args, io, 'load status', async ({ client, target }) => {
    const answer = await loadTestStatus(client, target.namespace);
    if (!answer.ok) return failed(io, 'load status', answer.error.message);
    if (output === 'json') io.out(JSON.stringify({ namespace: target.namespace, loadTests: answer.value }, null, 2));
    else if (answer.value.length === 0) io.out(`No load test in ${target.namespace}.`);
    else for (const test of answer.value) io.out(statusLine(test));
    return ExitCode.ok;
  });
}

/** `node-api: running, 100 req/s, 1m05s of 5m · HPA node-api 2→3 replicas (2–5), cpu 96%/70%`. */
export function statusLine(test: LoadTestStatus): string {
  const head = `${test.service}: ${test.state}, ${test.rps} req/s, ${formatDuration(test.elapsedSeconds)} of ${formatDuration(test.durationSeconds)}`;
  const hpa = test.hpa;
  if (!hpa) return `${head} · no HPA on its workload`;
  const cpu =
    hpa.cpuTarget === undefined
      ? ''
      : `, cpu ${hpa.cpuCurrent === undefined ? '?' : `${hpa.cpuCurrent}%`}/${hpa.cpuTarget}%`;
  return `${head} · HPA ${hpa.name} ${hpa.currentReplicas}→${hpa.desiredReplicas} replicas (${hpa.minReplicas}–${hpa.maxReplicas})${cpu}`;
}

function failed(io: CliIo, command: string, message: string): number {
  io.err(`starter-stack ${command}: ${message}`);
  return ExitCode.failed;
}
