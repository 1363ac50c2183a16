import { OWNER_NAMESPACE_LABEL, PART_OF_LABEL, PART_OF_VALUE, type KubeObject } from './objects';

// The objects of a load test, as plain data: a ConfigMap holding a k6 script and a Job running it. Both carry the
// stack's labels, so `starter-stack delete` removes them with the rest of the stack.

/** grafana/k6, pinned: a load test must not change because a tag moved. */
export const K6_IMAGE = 'grafana/k6:0.54.0';
/** Marks a load test's objects (Job, its pods, ConfigMap); the value is the target Service's name. */
export const LOAD_TEST_LABEL = 'starter-stack.dev/load-test';
/** What the Job was asked for, read back by `load status` (and by the demo cluster, which simulates it). */
export const LOAD_ANNOTATIONS = {
  rps: 'starter-stack.dev/load-rps',
  durationSeconds: 'starter-stack.dev/load-duration-seconds',
  url: 'starter-stack.dev/load-url',
} as const;

/** How often each virtual user logs its window of durations and failures (see k6Script). */
export const WINDOW_SECONDS = 5;
/** The tag the script's window lines start with: src/observe/k6Output.ts reads them. */
export const WINDOW_TAG = 'starter-stack-window';
export const DEFAULT_RPS = 100;
export const MAX_RPS = 10_000;
export const DEFAULT_DURATION_SECONDS = 300;
export const MAX_DURATION_SECONDS = 24 * 3600;

export interface LoadTestSpec {
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  /** Requests per second the test ramps to and holds. */
  readonly rps: number;
  readonly durationSeconds: number;
  /** Starts with `/`. */
  readonly path: string;
}

/** `load-node-api`: one load test per Service; names stay within the 63 characters of a label value. */
export function loadTestName(service: string): string {
  return `load-${service}`.slice(0, 63).replace(/-+$/, '');
}

/** The Service's in-cluster address: `http://node-api.starter.svc.cluster.local:80/path`. */
export function targetUrl(spec: Pick<LoadTestSpec, 'service' | 'namespace' | 'port' | 'path'>): string {
  return `http://${spec.service}.${spec.namespace}.svc.cluster.local:${spec.port}${spec.path}`;
}

/** `90s`, `5m`, `1m30s`, `1h` (or plain seconds) → seconds; undefined when it is none of those. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(trimmed);
  if (!match || trimmed === '') return undefined;
  const [, h, m, s] = match;
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

/** 90 → `1m30s`, as k6 and kubectl write durations. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || whole === 0 ? `${s}s` : ''}`;
}

/** The ramp: a tenth of the test (between 5 s and 60 s) to reach the rate, then the rate held to the end. */
export function rampSeconds(durationSeconds: number): number {
  return Math.min(60, Math.max(5, Math.round(durationSeconds / 10)), durationSeconds);
}

/** The k6 script: a ramping-arrival-rate scenario (open model: the rate holds however slow the answers get). */
export function k6Script(spec: LoadTestSpec): string {
  const ramp = rampSeconds(spec.durationSeconds);
  const hold = spec.durationSeconds - ramp;
  // Enough virtual users for the rate at up to 200 ms per request, more allowed if answers slow down.
  const vus = Math.max(2, Math.ceil(spec.rps / 5));
  const stages = [
    `{ target: ${spec.rps}, duration: '${ramp}s' }`,
    ...(hold > 0 ? [`{ target: ${spec.rps}, duration: '${hold}s' }`] : []),
  ];
  return `// Load test written by Kubernetes Starter Stack: ramps to ${spec.rps} requests/s, then holds until the end.
import http from 'k6/http';
import { check } from 'k6';

const TARGET = ${JSON.stringify(targetUrl(spec))};

export const options = {
  discardResponseBodies: true,
  scenarios: {
    load: {
      executor: 'ramping-arrival-rate',
      startRate: 1,
      timeUnit: '1s',
      preAllocatedVUs: ${vus},
      maxVUs: ${vus * 4},
      stages: [${stages.join(', ')}],
    },
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
};

// k6 prints latency and errors only in its end-of-test summary: every ${WINDOW_SECONDS} s each virtual user logs what it
// saw since its last line, so the editor's panel can chart them while the test runs.
let windowStart = Date.now();
let durations = [];
let failed = 0;

export default function () {
  const res = http.get(TARGET);
  const passed = check(res, { 'status is 2xx': (r) => r.status >= 200 && r.status < 300 });
  durations.push(Math.round(res.timings.duration));
  if (!passed) failed++;
  const now = Date.now();
  if (now - windowStart >= ${WINDOW_SECONDS * 1000}) {
    console.log(\`${WINDOW_TAG} start=\${windowStart} end=\${now} failed=\${failed} ms=\${durations.join(',')}\`);
    windowStart = now;
    durations = [];
    failed = 0;
  }
}
`;
}

function labels(spec: LoadTestSpec): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'k6',
    'app.kubernetes.io/component': 'load-test',
    [PART_OF_LABEL]: PART_OF_VALUE,
    [OWNER_NAMESPACE_LABEL]: spec.namespace,
    [LOAD_TEST_LABEL]: spec.service,
  };
}

/** The ConfigMap and the Job, in the order they must be created. */
export function loadTestObjects(spec: LoadTestSpec): [KubeObject, KubeObject] {
  const name = loadTestName(spec.service);
  const metadata = { name, namespace: spec.namespace, labels: labels(spec) };
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { 'load.js': k6Script(spec) } };
  const annotations = {
    [LOAD_ANNOTATIONS.rps]: String(spec.rps),
    [LOAD_ANNOTATIONS.durationSeconds]: String(spec.durationSeconds),
    [LOAD_ANNOTATIONS.url]: targetUrl(spec),
  };
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { ...metadata, annotations },
    spec: {
      backoffLimit: 0,
      // The test's own length plus time to pull the image and print the summary.
      activeDeadlineSeconds: spec.durationSeconds + 300,
      template: {
        metadata: { labels: labels(spec), annotations },
        spec: {
          restartPolicy: 'Never',
          containers: [k6Container()],
          volumes: [{ name: 'script', configMap: { name } }],
        },
      },
    },
  };
  return [configMap, job];
}

function k6Container(): Record<string, unknown> {
  return {
    name: 'k6',
    image: K6_IMAGE,
    args: ['run', '/scripts/load.js'],
    volumeMounts: [{ name: 'script', mountPath: '/scripts', readOnly: true }],
    resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    securityContext: {
      runAsNonRoot: true,
      // The image's own k6 user.
      runAsUser: 12345,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
  };
}
