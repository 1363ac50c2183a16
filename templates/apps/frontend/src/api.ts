/** The three APIs, reached on the same origin through the Ingress prefixes (no rewrite: the APIs serve under them). */
export const SERVICES = [
  { key: 'users', title: 'Users', subtitle: 'Node.js + MongoDB', path: '/api-node/users' },
  { key: 'items', title: 'Items', subtitle: 'FastAPI + PostgreSQL', path: '/api-python/items' },
  { key: 'products', title: 'Products', subtitle: 'Go + PostgreSQL', path: '/api-go/products' },
] as const;

export type ServiceKey = (typeof SERVICES)[number]['key'];

export interface Entry {
  id: string | number;
  name: string;
  [field: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; detail?: unknown };
    const detail = body.error ?? (typeof body.detail === 'string' ? body.detail : response.statusText);
    throw new ApiError(response.status, `${response.status} ${detail}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const listEntries = (path: string) => request<Entry[]>(path);
export const createEntry = (path: string, body: Record<string, unknown>) => request<Entry>(path, { method: 'POST', body: JSON.stringify(body) });
export const deleteEntry = (path: string, id: Entry['id']) => request<void>(`${path}/${encodeURIComponent(String(id))}`, { method: 'DELETE' });
