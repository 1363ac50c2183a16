/** The stack's components, in apply order. Each one is a folder under templates/manifests. */
export const COMPONENT_IDS = [
  'namespace',
  'mongo',
  'postgres',
  'postgres-go',
  'node-api',
  'fastapi',
  'go-api',
  'frontend',
  'ingress',
  'node-exporter',
  'prometheus',
  'loki',
  'grafana',
  'metrics-server',
] as const;

export type ComponentId = (typeof COMPONENT_IDS)[number];

export interface ComponentInfo {
  readonly id: ComponentId;
  readonly description: string;
  /** Components this one cannot work without; selecting it pulls them in. */
  readonly dependsOn: readonly ComponentId[];
  /** Part of the stack unless the user leaves it out. */
  readonly defaultOn: boolean;
}

const info = (
  id: ComponentId,
  description: string,
  dependsOn: ComponentId[] = [],
  defaultOn = true,
): ComponentInfo => ({
  id,
  description,
  dependsOn,
  defaultOn,
});

export const COMPONENTS: Readonly<Record<ComponentId, ComponentInfo>> = {
  namespace: info('namespace', 'The namespace everything else lives in'),
  mongo: info('mongo', 'MongoDB for the users API'),
  postgres: info('postgres', 'PostgreSQL for the items API'),
  'postgres-go': info('postgres-go', 'PostgreSQL for the products API'),
  'node-api': info('node-api', 'Users API (Node.js) with an HPA', ['mongo']),
  fastapi: info('fastapi', 'Items API (FastAPI) with an HPA', ['postgres']),
  'go-api': info('go-api', 'Products API (Go), zero-downtime rolling updates', ['postgres-go']),
  frontend: info('frontend', 'React/Vite frontend served by nginx'),
  ingress: info('ingress', 'One Ingress: / and /api-node, /api-python, /api-go'),
  'node-exporter': info('node-exporter', 'Node metrics, one pod per node'),
  prometheus: info('prometheus', 'Prometheus scraping the APIs and node-exporter'),
  loki: info('loki', 'Loki, with Grafana Alloy shipping pod logs'),
  grafana: info('grafana', 'Grafana with a dashboard per API', ['prometheus', 'loki']),
  'metrics-server': info(
    'metrics-server',
    'metrics-server for CPU-based HPAs (many local clusters lack it)',
    [],
    false,
  ),
};

/** The four services whose images this project builds; their container is named after the component. */
export const APP_COMPONENTS = ['node-api', 'fastapi', 'go-api', 'frontend'] as const satisfies readonly ComponentId[];

export function isComponentId(value: string): value is ComponentId {
  return (COMPONENT_IDS as readonly string[]).includes(value);
}

export const DEFAULT_COMPONENTS: readonly ComponentId[] = COMPONENT_IDS.filter((id) => COMPONENTS[id].defaultOn);

/** The selection plus everything it depends on (and always the namespace), in apply order. */
export function withDependencies(selected: Iterable<ComponentId>): ComponentId[] {
  const wanted = new Set<ComponentId>(['namespace']);
  const visit = (id: ComponentId): void => {
    if (wanted.has(id) && id !== 'namespace') return;
    wanted.add(id);
    COMPONENTS[id].dependsOn.forEach(visit);
  };
  for (const id of selected) visit(id);
  return COMPONENT_IDS.filter((id) => wanted.has(id));
}
