import { container, renderStack, type K8sObject } from '../../../support/stack';

/** What the generated manifests say about one app: the tests run the app against exactly these. */
export interface AppFacts {
  readonly image: string;
  readonly port: number;
  readonly readinessPath: string;
  readonly livenessPath: string;
  /** BASE_PATH as the Deployment (or its ConfigMap) sets it; undefined for the frontend. */
  readonly basePath?: string;
  /** Prometheus scrape annotations of the pod template, when present. */
  readonly scrape?: { port: string; path: string };
  /** Every environment variable name the app gets (env and envFrom ConfigMaps), less those only expanded into another. */
  readonly envNames: readonly string[];
  readonly runAsUser: number;
}

export async function appFacts(service: 'node-api' | 'fastapi' | 'go-api' | 'frontend'): Promise<AppFacts> {
  const stack = await renderStack();
  const deployment = stack.find('Deployment', service);
  const c = container(deployment, service);
  const http = (c.ports as K8sObject[]).find((p) => p.name === 'http');
  if (!http) throw new Error(`${service} has no port named http`);
  const fromConfigMaps = ((c.envFrom ?? []) as K8sObject[]).flatMap((e) =>
    e.configMapRef ? [stack.find('ConfigMap', e.configMapRef.name as string)] : [],
  );
  const env = new Map<string, string | undefined>();
  for (const cm of fromConfigMaps)
    for (const [k, v] of Object.entries((cm.data ?? {}) as Record<string, string>)) env.set(k, v);
  for (const e of (c.env ?? []) as K8sObject[]) env.set(e.name as string, e.value as string | undefined);
  // A variable only expanded into another one by the kubelet (`$(MONGO_PASSWORD)` in MONGO_URL) is not for the app.
  for (const name of [...env.keys()]) if ([...env.values()].some((v) => v?.includes(`$(${name})`))) env.delete(name);
  const annotations = (deployment.spec.template.metadata.annotations ?? {}) as Record<string, string>;
  return {
    image: c.image as string,
    port: http.containerPort as number,
    readinessPath: c.readinessProbe.httpGet.path as string,
    livenessPath: c.livenessProbe.httpGet.path as string,
    basePath: env.get('BASE_PATH'),
    scrape:
      annotations['prometheus.io/scrape'] === 'true'
        ? { port: annotations['prometheus.io/port']!, path: annotations['prometheus.io/path']! }
        : undefined,
    envNames: [...env.keys()].sort(),
    runAsUser: deployment.spec.template.spec.securityContext.runAsUser as number,
  };
}
