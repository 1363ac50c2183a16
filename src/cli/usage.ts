// The subcommands' usage and help texts. They live apart from the subcommands so that `--help`, `help SUB` and a
// usage error answer without loading a subcommand's code (each is a chunk of its own in dist/).

export const GENERATE_USAGE = `starter-stack generate --out DIR [--namespace NS] [--components a,b,...] [--image-prefix P] [--tag T]
                       [--host H] [--hpa-min N] [--hpa-max N] [--storage-class C] [--metrics-server] [--force]`;
export const APPLY_USAGE = `starter-stack apply DIR [--context C] [--namespace NS] [--kubeconfig F] [--dry-run] [--force-conflicts]
                    [--wait] [--timeout S] [--output text|json]`;
export const DELETE_USAGE =
  'starter-stack delete [--namespace NS] [--include-pvcs] [--yes | --dry-run] [--context C] [--kubeconfig F] [--output text|json]';
export const LINT_USAGE =
  'starter-stack lint PATH... [--format text|json|sarif] [--rule ID=off|error|warning|info ...] [--helm]';
export const SCAFFOLD_USAGE =
  'starter-stack scaffold --out DIR [--namespace NS] [--image-prefix P] [--tag T] [--host H] [--force]';
export const IMAGES_USAGE =
  'starter-stack images build|load [--dir DIR] [--image-prefix P] [--tag T] [--only a,b] [--context NAME]';
export const DEMO_CLUSTER_USAGE =
  'starter-stack demo-cluster [--profile demo|kind|minikube|docker-desktop|k3d] [--port P] [--kubeconfig FILE] [--nodes N] [--time-scale X]';
export const DOCTOR_USAGE =
  'starter-stack doctor [DIR] [--context C] [--namespace NS] [--kubeconfig F] [--output text|json]';
const ON_CLUSTER = '[--namespace NS] [--context C] [--kubeconfig F]';
export const RESTART_USAGE = `starter-stack restart KIND/NAME [--wait] [--timeout SECONDS] ${ON_CLUSTER}`;
export const SCALE_USAGE = `starter-stack scale KIND/NAME --replicas N ${ON_CLUSTER}`;
export const ROLLOUT_USAGE = `starter-stack rollout history KIND/NAME ${ON_CLUSTER} [--output text|json]
       starter-stack rollout undo KIND/NAME [--to-revision N] [--wait] [--timeout SECONDS] ${ON_CLUSTER} [--output text|json]`;
export const VERIFY_USAGE = `starter-stack verify rollout KIND/NAME [--timeout SECONDS] ${ON_CLUSTER} [--output text|json]`;
export const LOAD_USAGE = `starter-stack load start SERVICE [--rps N] [--duration D] [--path P] ${ON_CLUSTER} [--output text|json]
       starter-stack load stop [SERVICE] ${ON_CLUSTER} [--output text|json]
       starter-stack load status ${ON_CLUSTER} [--output text|json]`;

/** What one subcommand does, for `starter-stack --help` and `starter-stack SUB --help`. */
export interface CommandHelp {
  readonly summary: string;
  readonly usage: string;
  readonly details: string;
}

const WRITING = `  --namespace NS        namespace of the stack (default starter)
  --image-prefix P      registry prefix of the four app images (default starter-stack)
  --tag T               image tag (default 0.1.0)
  --host H              Ingress host (default 127.0.0.1.nip.io)
  --force               overwrite files that differ from what would be written
Exit codes: 0 written; 1 a file-system problem, one line each (nothing written); 2 bad arguments; 3 a file exists
and differs (listed; nothing written).`;

const CLUSTER = `  --context C           kubeconfig context (default: the current one)
  --kubeconfig F        kubeconfig file (default: KUBECONFIG, then ~/.kube/config)`;

export const HELP = {
  generate: {
    summary: 'write the stack as Kubernetes YAML (one file per component and a kustomization)',
    usage: GENERATE_USAGE,
    details: `  --out DIR             folder to write into (created if missing)
  --components a,b      components to include (their dependencies are added)
  --hpa-min N/--hpa-max N  HorizontalPodAutoscaler bounds, 1..2147483647, min ≤ max (default 2 and 5)
  --storage-class C     storage class of the PersistentVolumeClaims
  --metrics-server      include metrics-server (HPAs on CPU need it)
${WRITING}`,
  },
  apply: {
    summary: 'apply a folder of manifests with server-side apply, in dependency waves',
    usage: APPLY_USAGE,
    details: `${CLUSTER}
  -n, --namespace NS    namespace for namespaced objects (overrides the manifests')
  --dry-run             ask the server what would change; change nothing
  --force-conflicts     take over fields another field manager owns
  --wait                follow the rollout until every workload is available
  --timeout S           seconds to wait with --wait (default 300)
  -o, --output F        text or json
Exit codes: 0 all applied (and ready with --wait); 1 otherwise; 2 bad arguments.`,
  },
  delete: {
    summary: 'delete what the stack created in a namespace',
    usage: DELETE_USAGE,
    details: `${CLUSTER}
  -n, --namespace NS    the stack's namespace
  --include-pvcs        delete the PersistentVolumeClaims (database data) too
  -y, --yes             delete without asking (otherwise it lists what it will delete and asks)
  --dry-run             only list what would be deleted
  -o, --output F        text or json
Only the namespace's own cluster-wide objects (label starter-stack.dev/namespace) are deleted. Without a terminal
and without --yes it only lists, and exits 1.
Exit codes: 0 everything listed was deleted (or --dry-run); 1 otherwise, or not confirmed; 2 bad arguments;
130 Ctrl+C (nothing more is deleted).`,
  },
  lint: {
    summary: 'check Kubernetes manifests (YAML and JSON files or folders)',
    usage: LINT_USAGE,
    details: `  PATH                  a file (linted as given) or a folder (its Kubernetes-looking *.yaml/*.yml/*.json)
  --format F            text, json or sarif
  --rule ID=SETTING     off, error, warning or info for one rule (repeatable; wins over the configuration)
  --helm                also render each chart (a folder with Chart.yaml) with \`helm template\` (helm on PATH) and
                        lint the output, findings on the template each object came from (its # Source: comment)
Helm chart sources (templates/, values.yaml, Chart.yaml) and template files are skipped, as are binary files and
FIFOs (with a note).
Configuration: .starter-stack/lint.yaml in the folder or above (rules: {ID: off|error|warning|info}, ignore: [globs]).
Exit codes: 0 no error-level finding; 1 an error-level finding or an unreadable file; 2 bad arguments.`,
  },
  scaffold: {
    summary: 'write the four services (apps/) and their manifests (k8s/)',
    usage: SCAFFOLD_USAGE,
    details: `  --out DIR             folder to write into (created if missing)
${WRITING}`,
  },
  images: {
    summary: 'build the four images with docker, or load them into the current cluster',
    usage: IMAGES_USAGE,
    details: `  build|load            build with docker, or load into kind/minikube (or push to the prefix's registry)
  --dir DIR             the scaffolded project (default .)
  --image-prefix P      registry prefix
  --tag T               image tag
  --only a,b            only these services
  --context NAME        kubeconfig context to load into
Exit codes: 0 done; 1 a step failed; 2 bad arguments.`,
  },
  'demo-cluster': {
    summary: 'run the Kubernetes API simulator on 127.0.0.1 (a simulator, NOT a real cluster)',
    usage: DEMO_CLUSTER_USAGE,
    details: `  --port P              port on 127.0.0.1, 1..65535 (default: any free port)
  --kubeconfig FILE     where to write its kubeconfig (default: a temporary file)
  --profile P           demo (default, friendly), or a fresh kind, minikube, docker-desktop or k3d cluster as it
                        ships: its node, StorageClass, IngressClass, no metrics-server, only public images pull
  --nodes N             simulated nodes (default 3; demo profile only)
  --time-scale X        speed of simulated time (default 1)
Exit codes: 0 stopped with Ctrl+C; 1 it could not start; 2 bad arguments.`,
  },
  doctor: {
    summary: 'check the current cluster before a deploy (reachable, permissions, images, ingress, storage, metrics)',
    usage: DOCTOR_USAGE,
    details: `  DIR                   the manifests to deploy (default .)
  -n, --namespace NS    the namespace to deploy into
  -o, --output F        text or json ({"cluster":{...},"checks":[{"id","status","message","fix"}]})
${CLUSTER}
Every check that is not ok names its fix for the cluster's flavour (kind, minikube, Docker Desktop, k3d, ...).
Exit codes: 0 no blocker; 1 a blocker (or the cluster cannot be reached); 2 bad arguments.`,
  },
  restart: {
    summary: 'restart a Deployment, StatefulSet or DaemonSet (as kubectl rollout restart)',
    usage: RESTART_USAGE,
    details: `  KIND/NAME             e.g. deployment/node-api, deploy/node-api, statefulset.apps/db
  --wait                follow the rollout until it is done
  --timeout SECONDS     how long --wait waits (default 300)
${CLUSTER}
Exit codes: 0 restarted (and rolled out with --wait); 1 it failed; 2 bad arguments.`,
  },
  scale: {
    summary: 'set the replica count of a Deployment or StatefulSet',
    usage: SCALE_USAGE,
    details: `  --replicas N          the new count (0 or more)
${CLUSTER}
Exit codes: 0 scaled; 1 it failed; 2 bad arguments.`,
  },
  rollout: {
    summary: "a Deployment's revisions (history) and going back to one (undo, as kubectl rollout undo)",
    usage: ROLLOUT_USAGE,
    details: `  --to-revision N       undo to this revision (default: the one before the current)
  --wait                follow the rollout after undo
  --timeout SECONDS     how long --wait waits (default 300)
  --output text|json    output format
${CLUSTER}
Exit codes: 0 done; 1 it failed; 2 bad arguments.`,
  },
  verify: {
    summary: "restart a rollout and watch its Service's ready endpoints throughout (no-downtime check)",
    usage: VERIFY_USAGE,
    details: `  --timeout SECONDS     how long to wait for the rollout (default 300)
  --output text|json    json: {"min_ready","desired","zero_ready_ms","duration_ms",...}
${CLUSTER}
Exit codes: 0 the rollout finished and a ready endpoint was always there; 1 otherwise; 2 bad arguments.`,
  },
  load: {
    summary: 'run a k6 load test (a Job) against a Service to watch its HPA scale; stop it; show its progress',
    usage: LOAD_USAGE,
    details: `  SERVICE               the Service to load, by name (its cluster DNS name and first port are used)
  --rps N               requests per second to ramp to and hold, 1..10000 (default 100)
  --duration D          how long the test runs: 90s, 5m, 1m30s, 1h (10s..24h, default 5m)
  --path P              the request path (default /)
  --output text|json    output format
${CLUSTER}
The Job runs grafana/k6:0.54.0 with its script in a ConfigMap, both labelled as part of the stack (delete removes
them). stop deletes them (all load tests of the namespace, or the one against SERVICE). On the demo cluster the
load is simulated: CPU rises with the rate over the ready replicas, and the Job's logs follow k6's output.
Exit codes: 0 done; 1 it failed (no such Service, a test already running, the cluster refused); 2 bad arguments.`,
  },
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof HELP;

/** `starter-stack SUB --help`. */
export function commandHelp(name: CommandName): string {
  const help: CommandHelp = HELP[name];
  return `Usage: ${help.usage}\n\n${help.summary[0]?.toUpperCase()}${help.summary.slice(1)}.\n\n${help.details}`;
}

/** `starter-stack --help`. */
export function overallHelp(): string {
  const width = Math.max(...Object.keys(HELP).map((n) => n.length));
  return [
    'Usage: starter-stack COMMAND [options]',
    '',
    'Commands:',
    ...Object.entries(HELP).map(([name, help]) => `  ${name.padEnd(width)}  ${help.summary}`),
    '',
    'Run "starter-stack help COMMAND" or "starter-stack COMMAND --help" for its options.',
    '  --version             print the version',
  ].join('\n');
}
