// Server-side printing: kubectl asks for `application/json;as=Table;v=v1;g=meta.k8s.io` and prints the
// columns the server chooses. These follow the real printers' columns for the kinds people look at.
// Simplification: no `includeObject` handling (rows always carry the full object) and fewer columns.
import { type IncomingMessage } from 'node:http';
import { type ResourceType } from './resources';
import { type KObject, meta } from './store';

type Obj = Record<string, unknown>;
type Col = { name: string; type?: string; format?: string; priority?: number; cell: (o: Obj) => string | number };
const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

export function wantsTable(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('as=Table');
}

export function age(ts: unknown): string {
  if (typeof ts !== 'string') return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  if (s < 3 * 3600) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

const name: Col = { name: 'Name', format: 'name', cell: (x) => str(o(x.metadata).name) };
const ageCol: Col = { name: 'Age', cell: (x) => age(o(x.metadata).creationTimestamp) };

function podStatus(p: Obj): string {
  if (o(p.metadata).deletionTimestamp) return 'Terminating';
  for (const c of arr(o(p.status).containerStatuses)) {
    const waiting = o(o(c.state).waiting);
    if (waiting.reason) return str(waiting.reason);
    const term = o(o(c.state).terminated);
    if (term.reason) return str(term.reason);
  }
  return str(o(p.status).reason, str(o(p.status).phase, 'Pending'));
}

const COLUMNS: Record<string, Col[]> = {
  Pod: [
    name,
    {
      name: 'Ready',
      cell: (p) => {
        const cs = arr(o(p.status).containerStatuses);
        return `${cs.filter((c) => c.ready === true).length}/${arr(o(p.spec).containers).length}`;
      },
    },
    { name: 'Status', cell: podStatus },
    {
      name: 'Restarts',
      type: 'integer',
      cell: (p) => arr(o(p.status).containerStatuses).reduce((n, c) => n + num(c.restartCount), 0),
    },
    ageCol,
    { name: 'IP', priority: 1, cell: (p) => str(o(p.status).podIP, '<none>') },
    { name: 'Node', priority: 1, cell: (p) => str(o(p.spec).nodeName, '<none>') },
  ],
  Deployment: [
    name,
    { name: 'Ready', cell: (d) => `${num(o(d.status).readyReplicas)}/${num(o(d.spec).replicas)}` },
    { name: 'Up-to-date', type: 'integer', cell: (d) => num(o(d.status).updatedReplicas) },
    { name: 'Available', type: 'integer', cell: (d) => num(o(d.status).availableReplicas) },
    ageCol,
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (d) => num(o(d.spec).replicas) },
    { name: 'Current', type: 'integer', cell: (d) => num(o(d.status).replicas) },
    { name: 'Ready', type: 'integer', cell: (d) => num(o(d.status).readyReplicas) },
    ageCol,
  ],
  StatefulSet: [
    name,
    { name: 'Ready', cell: (d) => `${num(o(d.status).readyReplicas)}/${num(o(d.spec).replicas)}` },
    ageCol,
  ],
  DaemonSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (d) => num(o(d.status).desiredNumberScheduled) },
    { name: 'Current', type: 'integer', cell: (d) => num(o(d.status).currentNumberScheduled) },
    { name: 'Ready', type: 'integer', cell: (d) => num(o(d.status).numberReady) },
    ageCol,
  ],
  Service: [
    name,
    { name: 'Type', cell: (s) => str(o(s.spec).type, 'ClusterIP') },
    { name: 'Cluster-IP', cell: (s) => str(o(s.spec).clusterIP, '<none>') },
    { name: 'External-IP', cell: () => '<none>' },
    {
      name: 'Port(s)',
      cell: (s) =>
        arr(o(s.spec).ports)
          .map((p) => `${num(p.port)}/${str(p.protocol, 'TCP')}`)
          .join(',') || '<none>',
    },
    ageCol,
  ],
  Node: [
    name,
    {
      name: 'Status',
      cell: (n) =>
        arr(o(n.status).conditions).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Ready' : 'NotReady',
    },
    { name: 'Roles', cell: () => '<none>' },
    ageCol,
    { name: 'Version', cell: (n) => str(o(o(n.status).nodeInfo).kubeletVersion) },
  ],
  Namespace: [name, { name: 'Status', cell: (n) => str(o(n.status).phase, 'Active') }, ageCol],
  PersistentVolumeClaim: [
    name,
    { name: 'Status', cell: (p) => str(o(p.status).phase, 'Pending') },
    { name: 'Volume', cell: (p) => str(o(p.spec).volumeName) },
    { name: 'Capacity', cell: (p) => str(o(o(p.status).capacity).storage) },
    { name: 'Access Modes', cell: () => 'RWO' },
    { name: 'StorageClass', cell: (p) => str(o(p.spec).storageClassName, '<unset>') },
    ageCol,
  ],
  Event: [
    { name: 'Last Seen', cell: (e) => age(e.lastTimestamp ?? o(e.metadata).creationTimestamp) },
    { name: 'Type', cell: (e) => str(e.type) },
    { name: 'Reason', cell: (e) => str(e.reason) },
    { name: 'Object', cell: (e) => `${str(o(e.involvedObject).kind).toLowerCase()}/${str(o(e.involvedObject).name)}` },
    { name: 'Message', cell: (e) => str(e.message) },
  ],
  HorizontalPodAutoscaler: [
    name,
    {
      name: 'Reference',
      cell: (h) => `${str(o(o(h.spec).scaleTargetRef).kind)}/${str(o(o(h.spec).scaleTargetRef).name)}`,
    },
    {
      name: 'Targets',
      cell: (h) => {
        const cur = arr(o(h.status).currentMetrics)[0];
        const tgt = arr(o(h.spec).metrics)[0];
        const c = cur ? `${num(o(o(cur.resource).current).averageUtilization)}%` : '<unknown>';
        return `cpu: ${c}/${num(o(o(o(tgt).resource).target).averageUtilization)}%`;
      },
    },
    { name: 'MinPods', type: 'integer', cell: (h) => num(o(h.spec).minReplicas) || 1 },
    { name: 'MaxPods', type: 'integer', cell: (h) => num(o(h.spec).maxReplicas) },
    { name: 'Replicas', type: 'integer', cell: (h) => num(o(h.status).currentReplicas) },
    ageCol,
  ],
  ConfigMap: [
    name,
    { name: 'Data', type: 'integer', cell: (c) => Object.keys(o(c.data)).length + Object.keys(o(c.binaryData)).length },
    ageCol,
  ],
  Secret: [
    name,
    { name: 'Type', cell: (s) => str(s.type) },
    { name: 'Data', type: 'integer', cell: (s) => Object.keys(o(s.data)).length },
    ageCol,
  ],
};

export function toTable(r: ResourceType, items: KObject[], resourceVersion: string): Record<string, unknown> {
  const cols = COLUMNS[r.kind] ?? [name, ageCol];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: cols.map((c) => ({
      name: c.name,
      type: c.type ?? 'string',
      format: c.format ?? '',
      description: '',
      priority: c.priority ?? 0,
    })),
    rows: items.map((item) => ({
      cells: cols.map((c) => c.cell(item)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta(item) },
    })),
  };
}
