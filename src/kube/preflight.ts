import { APP_SERVICES } from '../stack/apps';
import type { ClusterClient } from './client';
import { detectClusterProfile, type ClusterProfile, type NodeFacts } from './clusterProfile';
import { currentClusterOf, currentUserOf, type Kubeconfig } from './kubeconfigData';
import type { ManifestEntry } from './manifests';
import { isRecord, itemsOf, type KubeObject } from './objects';
import { apiVersionPath } from './resources';
import * as fixes from './preflightFixes';

export type CheckStatus = 'ok' | 'warn' | 'blocker';
export type CheckId =
  | 'reachable'
  | 'permissions'
  | 'app-images'
  | 'ingress-class'
  | 'ingress-host'
  | 'metrics-server'
  | 'storage-class'
  | 'api-versions';

/** What the editor can do about a check, beyond the `fix` text. */
export type PreflightAction =
  | { readonly kind: 'build-and-load-images'; readonly images: readonly string[] }
  | { readonly kind: 'set-ingress-class'; readonly className: string }
  | { readonly kind: 'set-ingress-host'; readonly host: string }
  | { readonly kind: 'add-metrics-server' };

export interface PreflightCheck {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly message: string;
  /** Set on every check that is not ok: a command to run or an action to take, for this flavour. */
  readonly fix?: string;
  readonly action?: PreflightAction;
}

export interface PreflightReport {
  readonly cluster: {
    readonly context: string;
    readonly flavour: string;
    readonly server: string;
    readonly version?: string;
  };
  readonly profile: ClusterProfile;
  readonly checks: readonly PreflightCheck[];
}

export interface PreflightInput {
  readonly client: ClusterClient;
  readonly namespace: string;
  readonly entries: readonly ManifestEntry[];
  /** Kubeconfig names and how the user authenticates (never the secret itself). */
  readonly clusterName?: string;
  readonly userName?: string;
  readonly credentials?: string;
  readonly signal?: AbortSignal;
}

/** The kubelet lists at most this many images per node (--node-status-max-images): a full list proves nothing. */
export const NODE_IMAGE_LIMIT = 50;

export const hasBlocker = (report: PreflightReport): boolean => report.checks.some((c) => c.status === 'blocker');

/** The JSON form `starter-stack doctor --output json` prints. */
export function preflightJson(report: PreflightReport): unknown {
  return {
    cluster: report.cluster,
    checks: report.checks.map(({ id, status, message, fix }) => ({
      id,
      status,
      message,
      ...(fix !== undefined ? { fix } : {}),
    })),
  };
}

async function getJson(
  client: ClusterClient,
  path: string,
  what: { plural: string; group: string; name?: string },
  signal?: AbortSignal,
) {
  return client.send({ method: 'GET', path, signal }, { verb: 'get', ...what });
}

/** Runs every check; on an unreachable cluster only `reachable` is reported (the rest would all fail the same way). */
export async function runPreflight(input: PreflightInput): Promise<PreflightReport> {
  const { client } = input;
  const names = {
    contextName: client.contextName,
    clusterName: input.clusterName,
    userName: input.userName,
    server: client.server,
  };
  const version = await getJson(client, '/version', { plural: 'version', group: '' }, input.signal);
  if (!version.ok) {
    const profile = detectClusterProfile(names);
    const unauthorized = version.error.kind === 'unauthorized';
    const check: PreflightCheck = {
      id: 'reachable',
      status: 'blocker',
      message: version.error.message,
      fix: fixes.unreachableFix(profile.flavour, unauthorized),
    };
    return {
      cluster: { context: client.contextName, flavour: profile.flavour, server: client.server },
      profile,
      checks: [check],
    };
  }
  const gitVersion =
    isRecord(version.value.body) && typeof version.value.body.gitVersion === 'string'
      ? version.value.body.gitVersion
      : undefined;
  const nodes = await getJson(client, '/api/v1/nodes', { plural: 'nodes', group: '' }, input.signal);
  const nodeObjects = nodes.ok ? itemsOf(nodes.value.body) : undefined;
  const profile = detectClusterProfile({ ...names, version: gitVersion, nodes: nodeObjects?.map(nodeFacts) });
  const ctx: CheckContext = { ...input, profile, nodes: nodeObjects };
  const reachable: PreflightCheck = {
    id: 'reachable',
    status: 'ok',
    message: `${client.server} answers (Kubernetes ${gitVersion ?? 'version unknown'}, ${profile.label}${profile.simulated ? ', the starter-sim simulator' : ''}) with ${input.credentials ?? 'the kubeconfig credentials'}${input.userName ? ` of user ${input.userName}` : ''}.`,
  };
  const checks = await Promise.all([
    checkPermissions(ctx),
    Promise.resolve(checkAppImages(ctx)),
    checkIngressClass(ctx),
    Promise.resolve(checkIngressHost(ctx)),
    checkMetricsServer(ctx),
    checkStorageClass(ctx),
    checkApiVersions(ctx),
  ]);
  return {
    cluster: { context: client.contextName, flavour: profile.flavour, server: client.server, version: gitVersion },
    profile,
    checks: [reachable, ...checks],
  };
}

interface CheckContext extends PreflightInput {
  readonly profile: ClusterProfile;
  readonly nodes: KubeObject[] | undefined;
}

function nodeFacts(node: KubeObject): NodeFacts {
  const spec = isRecord(node.spec) ? node.spec : {};
  const info = isRecord(node.status) && isRecord(node.status.nodeInfo) ? node.status.nodeInfo : {};
  return {
    name: node.metadata.name,
    labels: node.metadata.labels,
    ...(typeof spec.providerID === 'string' ? { providerID: spec.providerID } : {}),
    ...(typeof info.containerRuntimeVersion === 'string'
      ? { containerRuntimeVersion: info.containerRuntimeVersion }
      : {}),
  };
}

const objectsOf = (entries: readonly ManifestEntry[], kind: string): KubeObject[] =>
  entries.filter((e) => e.object.kind === kind).map((e) => e.object);
const groupOfApiVersion = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

/** verb/resource pairs the deploy needs: apply (create + patch) every kind, and watch its workloads and pods. */
async function neededAccess(
  ctx: CheckContext,
): Promise<Array<{ verb: string; group: string; resource: string; namespace?: string }>> {
  const seen = new Map<string, { verb: string; group: string; resource: string; namespace?: string }>();
  const add = (verb: string, group: string, resource: string, namespace?: string) =>
    seen.set(`${verb} ${group} ${resource} ${namespace ?? ''}`, {
      verb,
      group,
      resource,
      ...(namespace !== undefined ? { namespace } : {}),
    });
  for (const { object } of ctx.entries) {
    const info = await ctx.client.resolve(object.apiVersion, object.kind);
    if (!info.ok) continue; // api-versions reports it
    const ns = info.value.namespaced ? ctx.namespace : undefined;
    for (const verb of ['get', 'create', 'patch'])
      add(verb, groupOfApiVersion(object.apiVersion), info.value.plural, ns);
  }
  for (const verb of ['list', 'watch']) add(verb, '', 'pods', ctx.namespace);
  return [...seen.values()];
}

async function checkPermissions(ctx: CheckContext): Promise<PreflightCheck> {
  const needed = await neededAccess(ctx);
  const answers = await Promise.all(
    needed.map(async (a) => {
      const review = {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: a },
      };
      const answer = await ctx.client.send(
        {
          method: 'POST',
          path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          body: review,
          signal: ctx.signal,
        },
        { verb: 'create', plural: 'selfsubjectaccessreviews', group: 'authorization.k8s.io' },
      );
      const body = answer.ok ? answer.value.body : undefined;
      const allowed = isRecord(body) && isRecord(body.status) ? body.status.allowed === true : undefined;
      return { ...a, allowed };
    }),
  );
  const unknown = answers.filter((a) => a.allowed === undefined);
  const missing = answers.filter((a) => a.allowed === false);
  const name = (a: { verb: string; group: string; resource: string; namespace?: string }) =>
    `${a.verb} ${a.resource}${a.group ? `.${a.group}` : ''}${a.namespace ? ` in ${a.namespace}` : ' (cluster-wide)'}`;
  if (missing.length > 0) {
    const list = missing.map(name).join(', ');
    return {
      id: 'permissions',
      status: 'blocker',
      message: `Not allowed to ${list}.`,
      fix: fixes.permissionsFix(ctx.profile.flavour, list),
    };
  }
  if (unknown.length === answers.length && answers.length > 0) {
    return {
      id: 'permissions',
      status: 'warn',
      message: 'The cluster did not answer SelfSubjectAccessReview, so permissions are unknown.',
      fix: 'Check with `kubectl auth can-i --list -n ' + ctx.namespace + '`.',
    };
  }
  return {
    id: 'permissions',
    status: 'ok',
    message: `Allowed all ${answers.length} verb/resource pairs the deploy needs in ${ctx.namespace}.`,
  };
}

/** `starter-stack/x:1` → `docker.io/starter-stack/x:1`, as nodes list images. */
export function canonicalImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash >= 0 ? image.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const full = hasRegistry ? image : `docker.io/${slash >= 0 ? image : `library/${image}`}`;
  return image.includes('@') || /:[^/]+$/.test(full) ? full : `${full}:latest`;
}

/** The stack's own images in the manifests: the four apps, whatever their prefix. */
function ownImages(entries: readonly ManifestEntry[]): string[] {
  const images = new Set<string>();
  for (const { object } of entries) {
    const template =
      isRecord(object.spec) && isRecord(object.spec.template) && isRecord(object.spec.template.spec)
        ? object.spec.template.spec
        : undefined;
    const containers = template && Array.isArray(template.containers) ? template.containers : [];
    for (const c of containers) {
      const image = isRecord(c) && typeof c.image === 'string' ? c.image : undefined;
      const repo = image
        ?.replace(/[:@][^/]*$/, '')
        .split('/')
        .pop();
      if (image && repo && (APP_SERVICES as readonly string[]).includes(repo)) images.add(image);
    }
  }
  return [...images];
}

function nodeImageNames(node: KubeObject): string[] {
  const status = isRecord(node.status) ? node.status : {};
  const images = Array.isArray(status.images) ? status.images : [];
  return images.flatMap((i) =>
    isRecord(i) && Array.isArray(i.names) ? i.names.filter((n): n is string => typeof n === 'string') : [],
  );
}

function checkAppImages(ctx: CheckContext): PreflightCheck {
  const images = ownImages(ctx.entries);
  if (images.length === 0)
    return { id: 'app-images', status: 'ok', message: "The manifests use none of the stack's own images." };
  const fix = fixes.appImagesFix(ctx.profile.flavour);
  if (!ctx.nodes)
    return {
      id: 'app-images',
      status: 'warn',
      message: "Could not read the nodes, so whether the stack's images are on them is unknown.",
      fix,
    };
  const entryCount = (n: KubeObject) =>
    isRecord(n.status) && Array.isArray(n.status.images) ? n.status.images.length : 0;
  const full = ctx.nodes.filter((n) => entryCount(n) >= NODE_IMAGE_LIMIT);
  const lists = ctx.nodes.filter((n) => !full.includes(n)).map((n) => new Set(nodeImageNames(n)));
  const missing = images.filter((image) => lists.some((names) => !names.has(canonicalImage(image))));
  const registry = (image: string) => canonicalImage(image).split('/')[0]!;
  if (missing.length === 0 && full.length > 0) {
    return {
      id: 'app-images',
      status: 'warn',
      message: `Unknown: ${full.map((n) => n.metadata.name).join(', ')} list(s) ${NODE_IMAGE_LIMIT} images, the kubelet's limit, so a missing name there proves nothing.`,
      fix,
    };
  }
  if (missing.length === 0)
    return { id: 'app-images', status: 'ok', message: `All ${images.length} of the stack's images are on every node.` };
  const pushed = missing.every((image) => registry(image) !== 'docker.io');
  if (pushed && !ctx.profile.local) {
    return {
      id: 'app-images',
      status: 'ok',
      message: `Not on the nodes yet; pulled from ${[...new Set(missing.map(registry))].join(', ')} when the pods start (push them with Build and Load Images).`,
    };
  }
  const where = ctx.profile.local ? `the ${ctx.profile.label} node(s)` : 'the nodes, and docker.io has no such images';
  const blocker = ctx.profile.local
    ? ['kind', 'minikube', 'k3d', 'docker-desktop'].includes(ctx.profile.flavour) || !pushed
    : !pushed;
  return {
    id: 'app-images',
    status: blocker ? 'blocker' : 'warn',
    message: `${missing.length} of the stack's images are not on ${where}: ${missing.join(', ')}. Their pods would fail with ErrImagePull.`,
    fix,
    action: { kind: 'build-and-load-images', images: missing },
  };
}

function ingresses(ctx: CheckContext): KubeObject[] {
  return objectsOf(ctx.entries, 'Ingress');
}

async function listCluster(
  ctx: CheckContext,
  path: string,
  plural: string,
  group: string,
): Promise<KubeObject[] | undefined> {
  const answer = await getJson(ctx.client, path, { plural, group }, ctx.signal);
  return answer.ok ? itemsOf(answer.value.body) : undefined;
}

const annotation = (o: KubeObject, key: string): string | undefined =>
  o.metadata.annotations && Object.hasOwn(o.metadata.annotations, key) ? o.metadata.annotations[key] : undefined;

async function checkIngressClass(ctx: CheckContext): Promise<PreflightCheck> {
  const ingress = ingresses(ctx)[0];
  if (!ingress) return { id: 'ingress-class', status: 'ok', message: 'The manifests have no Ingress.' };
  const classes = await listCluster(
    ctx,
    '/apis/networking.k8s.io/v1/ingressclasses',
    'ingressclasses',
    'networking.k8s.io',
  );
  const install = fixes.ingressControllerFix(ctx.profile.flavour);
  if (!classes) return { id: 'ingress-class', status: 'warn', message: 'Could not list IngressClasses.', fix: install };
  const named =
    isRecord(ingress.spec) && typeof ingress.spec.ingressClassName === 'string'
      ? ingress.spec.ingressClassName
      : undefined;
  if (named) {
    return classes.some((c) => c.metadata.name === named)
      ? { id: 'ingress-class', status: 'ok', message: `The Ingress names IngressClass ${named}, which exists.` }
      : {
          id: 'ingress-class',
          status: 'warn',
          message: `The Ingress names IngressClass ${named}, which this cluster does not have.`,
          fix: install,
        };
  }
  const defaults = classes.filter((c) => annotation(c, 'ingressclass.kubernetes.io/is-default-class') === 'true');
  if (defaults.length === 1)
    return {
      id: 'ingress-class',
      status: 'ok',
      message: `IngressClass ${defaults[0]!.metadata.name} is the default and serves the Ingress.`,
    };
  if (classes.length === 1) {
    const className = classes[0]!.metadata.name;
    return {
      id: 'ingress-class',
      status: 'warn',
      message: `IngressClass ${className} is not marked default, so nothing routes an Ingress without ingressClassName.`,
      fix: `Set ingressClassName: ${className} in the Ingress manifest.`,
      action: { kind: 'set-ingress-class', className },
    };
  }
  if (classes.length > 1) {
    return {
      id: 'ingress-class',
      status: 'warn',
      message: `${classes.length} IngressClasses (${classes.map((c) => c.metadata.name).join(', ')}) and ${defaults.length === 0 ? 'none' : 'more than one'} marked default.`,
      fix: 'Set ingressClassName in the Ingress manifest to the one you want.',
    };
  }
  return {
    id: 'ingress-class',
    status: 'warn',
    message: `No ingress controller: ${ctx.profile.flavour === 'unknown' ? 'the cluster' : ctx.profile.label} has no IngressClass, so the Ingress will not route.`,
    fix: install,
  };
}

function checkIngressHost(ctx: CheckContext): PreflightCheck {
  const ingress = ingresses(ctx)[0];
  const rules = ingress && isRecord(ingress.spec) && Array.isArray(ingress.spec.rules) ? ingress.spec.rules : [];
  const host = rules
    .map((r) => (isRecord(r) && typeof r.host === 'string' ? r.host : undefined))
    .find((h) => h !== undefined);
  if (!host)
    return {
      id: 'ingress-host',
      status: 'ok',
      message: ingress ? 'The Ingress matches any host.' : 'The manifests have no Ingress.',
    };
  if (!/^127\.0\.0\.1\.(nip|sslip)\.io$|^localhost$/.test(host))
    return { id: 'ingress-host', status: 'ok', message: `The Ingress serves ${host}.` };
  const addresses =
    ctx.nodes?.[0] && isRecord(ctx.nodes[0].status) && Array.isArray(ctx.nodes[0].status.addresses)
      ? ctx.nodes[0].status.addresses
      : [];
  const nodeIP = addresses
    .map((a) => (isRecord(a) && a.type === 'InternalIP' && typeof a.address === 'string' ? a.address : undefined))
    .find((a) => a !== undefined);
  const advice = fixes.ingressHostAdvice(ctx.profile.flavour, nodeIP);
  return {
    id: 'ingress-host',
    status: advice.status,
    message: advice.message,
    ...(advice.fix ? { fix: advice.fix } : {}),
    ...(advice.host ? { action: { kind: 'set-ingress-host' as const, host: advice.host } } : {}),
  };
}

async function checkMetricsServer(ctx: CheckContext): Promise<PreflightCheck> {
  const needsIt = objectsOf(ctx.entries, 'HorizontalPodAutoscaler').length > 0;
  const shipped = objectsOf(ctx.entries, 'APIService').some((a) => a.metadata.name === 'v1beta1.metrics.k8s.io');
  if (shipped) return { id: 'metrics-server', status: 'ok', message: 'The manifests install metrics-server.' };
  const answer = await getJson(
    ctx.client,
    '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io',
    { plural: 'apiservices', group: 'apiregistration.k8s.io', name: 'v1beta1.metrics.k8s.io' },
    ctx.signal,
  );
  const conditions =
    answer.ok &&
    isRecord(answer.value.body) &&
    isRecord(answer.value.body.status) &&
    Array.isArray(answer.value.body.status.conditions)
      ? answer.value.body.status.conditions
      : [];
  const available = conditions.some((c) => isRecord(c) && c.type === 'Available' && c.status === 'True');
  if (available)
    return { id: 'metrics-server', status: 'ok', message: 'The metrics API (v1beta1.metrics.k8s.io) is available.' };
  if (!needsIt)
    return {
      id: 'metrics-server',
      status: 'ok',
      message: 'No HorizontalPodAutoscaler in the manifests needs the metrics API.',
    };
  const state = answer.ok ? 'is registered but not available' : 'is not installed';
  return {
    id: 'metrics-server',
    status: 'warn',
    message: `The metrics API (v1beta1.metrics.k8s.io) ${state}: the HPAs will show unknown CPU and not scale.`,
    fix: fixes.metricsServerFix(ctx.profile.flavour),
    action: { kind: 'add-metrics-server' },
  };
}

async function checkStorageClass(ctx: CheckContext): Promise<PreflightCheck> {
  const claims = objectsOf(ctx.entries, 'PersistentVolumeClaim');
  if (claims.length === 0)
    return { id: 'storage-class', status: 'ok', message: 'The manifests have no PersistentVolumeClaim.' };
  const classes = await listCluster(ctx, '/apis/storage.k8s.io/v1/storageclasses', 'storageclasses', 'storage.k8s.io');
  const fix = fixes.storageClassFix(ctx.profile.flavour);
  if (!classes) return { id: 'storage-class', status: 'warn', message: 'Could not list StorageClasses.', fix };
  const names = new Set(classes.map((c) => c.metadata.name));
  const defaults = classes
    .filter((c) => annotation(c, 'storageclass.kubernetes.io/is-default-class') === 'true')
    .map((c) => c.metadata.name);
  const classOf = (pvc: KubeObject) =>
    isRecord(pvc.spec) && typeof pvc.spec.storageClassName === 'string' ? pvc.spec.storageClassName : undefined;
  const unnamed = claims.filter((c) => classOf(c) === undefined);
  const wrong = claims.filter((c) => classOf(c) !== undefined && classOf(c) !== '' && !names.has(classOf(c)!));
  const problems = [
    ...(unnamed.length > 0 && defaults.length === 0
      ? [`${unnamed.length} PVC(s) name no StorageClass and the cluster has no default one`]
      : []),
    ...wrong.map((c) => `PVC ${c.metadata.name} names StorageClass ${classOf(c)!}, which does not exist`),
  ];
  if (problems.length > 0)
    return {
      id: 'storage-class',
      status: 'blocker',
      message: `${problems.join('; ')}: the PVCs would stay Pending.`,
      fix,
    };
  return {
    id: 'storage-class',
    status: 'ok',
    message:
      defaults.length > 0
        ? `StorageClass ${defaults.join(', ')} is the default.`
        : 'Every PVC names an existing StorageClass.',
  };
}

async function checkApiVersions(ctx: CheckContext): Promise<PreflightCheck> {
  const kinds = new Map<string, Set<string>>();
  for (const { object } of ctx.entries)
    kinds.set(object.apiVersion, (kinds.get(object.apiVersion) ?? new Set()).add(object.kind));
  const missing: string[] = [];
  await Promise.all(
    [...kinds].map(async ([apiVersion, wanted]) => {
      const answer = await getJson(
        ctx.client,
        apiVersionPath(apiVersion),
        { plural: 'discovery', group: groupOfApiVersion(apiVersion) },
        ctx.signal,
      );
      if (!answer.ok)
        return void missing.push(
          answer.error.kind === 'notFound' ? apiVersion : `${apiVersion} (${answer.error.message})`,
        );
      const served =
        isRecord(answer.value.body) && Array.isArray(answer.value.body.resources) ? answer.value.body.resources : [];
      const servedKinds = new Set(served.map((r) => (isRecord(r) ? r.kind : undefined)));
      for (const kind of wanted) if (!servedKinds.has(kind)) missing.push(`${apiVersion} ${kind}`);
    }),
  );
  if (missing.length === 0)
    return {
      id: 'api-versions',
      status: 'ok',
      message: `The cluster serves all ${kinds.size} apiVersions the manifests use.`,
    };
  missing.sort();
  return {
    id: 'api-versions',
    status: 'blocker',
    message: `The cluster does not serve ${missing.join(', ')}.`,
    fix: fixes.apiVersionsFix(ctx.profile.flavour, missing),
  };
}

/** How the context's user authenticates, in words (never the secret): "a bearer token", "exec plugin aws". */
export function describeCredentials(
  user:
    | {
        token?: string;
        certData?: string;
        certFile?: string;
        exec?: { command?: string };
        authProvider?: { name?: string };
        username?: string;
      }
    | null
    | undefined,
): string | undefined {
  if (!user) return undefined;
  if (user.exec) return `the exec plugin ${user.exec.command ?? ''}`.trim();
  if (user.authProvider) return `the auth provider ${user.authProvider.name ?? ''}`.trim();
  if (user.token) return 'a bearer token';
  if (user.certData || user.certFile) return 'a client certificate';
  if (user.username) return 'a user name and password';
  return 'no credentials';
}

/** Runs the preflight for an open session (what `doctor` and Deploy call). */
export async function preflightSession(
  session: {
    readonly client: ClusterClient;
    readonly target: {
      readonly kubeConfig: Kubeconfig;
      readonly namespace: string;
    };
  },
  entries: readonly ManifestEntry[],
  signal?: AbortSignal,
): Promise<PreflightReport> {
  const user = currentUserOf(session.target.kubeConfig);
  return runPreflight({
    client: session.client,
    namespace: session.target.namespace,
    entries,
    clusterName: currentClusterOf(session.target.kubeConfig)?.name,
    userName: user?.name,
    credentials: describeCredentials(user),
    signal,
  });
}
