// Simulated Grafana — a stand-in, NOT Grafana (Grafana is neither in Debian nor on npm). Tests use it, and the demo
// cluster serves it behind a `grafana/grafana` pod's Service (demoBackends.ts). It serves the
// stack's real provisioned dashboards (templates/manifests/grafana/30-dashboards.yaml) through the shapes of
// Grafana's HTTP API the panel uses: GET /api/health, /api/search, /api/dashboards/uid/:uid, and a /d-solo/ page that,
// like Grafana's, loads a script from an absolute /public/ path which then calls /api/ds/query.
// It records every request and whether it carried the credential the caller must add (the gateway adds
// the kube/service-proxy credentials; the browser never has them), so a test can check that every request
// of an embedded panel — document, script, API call — came through the gateway with its token accepted.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface GrafanaStandinOptions {
  /** The `authorization` header every request must carry, e.g. "Bearer x"; a 401 otherwise. */
  requiredAuthorization?: string;
  /** Send X-Frame-Options: deny, as Grafana does when allow_embedding is false. */
  denyFraming?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  authorized: boolean;
  cookie: string | undefined;
}

export interface GrafanaStandin {
  readonly url: string;
  readonly requests: SeenRequest[];
  readonly dashboards: Array<{ uid: string; title: string; tags: string[]; panels: unknown[] }>;
  close(): Promise<void>;
}

type Dashboard = GrafanaStandin['dashboards'][number];

const DASHBOARDS = join('templates', 'manifests', 'grafana', '30-dashboards.yaml');

/** The repository (or the installed product) that holds the templates: the working folder, else above this file. */
function templatesBase(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) if (existsSync(join(dir, DASHBOARDS))) return dir;
  return process.cwd();
}

/** The stack's own dashboards, straight from the template ConfigMap. */
export function stackDashboards(
  root = existsSync(join(process.cwd(), DASHBOARDS)) ? process.cwd() : templatesBase(),
): Dashboard[] {
  const text = readFileSync(join(root, DASHBOARDS), 'utf8');
  const dashboards: Dashboard[] = [];
  for (const doc of parseAllDocuments(text)) {
    const data = (doc.toJS() as { data?: Record<string, string> } | null)?.data ?? {};
    for (const json of Object.values(data)) dashboards.push(JSON.parse(json) as Dashboard);
  }
  return dashboards;
}

/** Grafana's own theme colours for `theme=light|dark`, so an embedded panel visibly follows the editor's theme. */
const SOLO_THEMES: Record<string, string> = {
  light: 'background:#ffffff;color:#24292e',
  dark: 'background:#181b1f;color:#ccccdc',
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const SOLO_PAGE = (
  uid: string,
  panelId: string,
  theme: string,
  title: string,
) => `<!doctype html><html><head><base href="/" />
<title>Grafana</title><script src="/public/build/app.js"></script></head>
<body class="theme-${escapeHtml(theme)}" style="${SOLO_THEMES[theme] ?? SOLO_THEMES.dark};font-family:sans-serif;margin:8px">
<div id="title">${escapeHtml(title)} <small>(simulated Grafana: starter-sim stand-in)</small></div>
<div id="panel" data-uid="${escapeHtml(uid)}" data-panel="${escapeHtml(panelId)}">loading</div></body></html>`;

function panelTitle(dashboards: readonly Dashboard[], uid: string, panelId: string): string {
  const panels = (dashboards.find((d) => d.uid === uid)?.panels ?? []) as Array<{ id?: unknown; title?: unknown }>;
  const title = panels.find((p) => String(p.id) === panelId)?.title;
  return typeof title === 'string' ? title : `panel ${panelId}`;
}

/** Says what it is: a client showing Grafana's version shows that this one is simulated. */
const HEALTH = { commit: 'simulated', database: 'ok', version: '11.0.0-simulated (starter-sim stand-in, not Grafana)' };

const APP_JS = `fetch('/api/ds/query', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
  .then((r) => r.json()).then((j) => { document.getElementById('panel').textContent = 'panel ok ' + j.results.A.status; })
  .catch((e) => { document.getElementById('panel').textContent = 'panel failed ' + e; });`;

function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  dashboards: Dashboard[],
  frame: Record<string, string>,
): void {
  const json = (status: number, body: unknown): void =>
    void res.writeHead(status, { 'content-type': 'application/json', ...frame }).end(JSON.stringify(body));
  if (url.pathname === '/api/search') {
    const tag = url.searchParams.get('tag');
    return json(
      200,
      dashboards
        .filter((d) => !tag || d.tags.includes(tag))
        .map((d) => ({ uid: d.uid, title: d.title, tags: d.tags, type: 'dash-db', url: `/d/${d.uid}/x` })),
    );
  }
  const byUid = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(url.pathname);
  if (byUid) {
    const found = dashboards.find((d) => d.uid === decodeURIComponent(byUid[1]!));
    return found ? json(200, { dashboard: found, meta: { slug: 'x' } }) : json(404, { message: 'Dashboard not found' });
  }
  const solo = /^\/d-solo\/([^/]+)/.exec(url.pathname);
  if (solo) {
    const [uid, panelId] = [decodeURIComponent(solo[1]!), url.searchParams.get('panelId') ?? ''];
    return void res
      .writeHead(200, { 'content-type': 'text/html', ...frame })
      .end(SOLO_PAGE(uid, panelId, url.searchParams.get('theme') ?? 'dark', panelTitle(dashboards, uid, panelId)));
  }
  if (url.pathname === '/public/build/app.js')
    return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(APP_JS);
  if (url.pathname === '/api/ds/query' && req.method === 'POST')
    return json(200, { results: { A: { status: 200, frames: [] } } });
  json(404, { message: 'Not found' });
}

export async function startGrafanaStandin(options: GrafanaStandinOptions = {}): Promise<GrafanaStandin> {
  const dashboards = stackDashboards();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const frame: Record<string, string> = options.denyFraming ? { 'x-frame-options': 'deny' } : {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://grafana');
    const authorized = !options.requiredAuthorization || req.headers.authorization === options.requiredAuthorization;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, authorized, cookie: req.headers.cookie });
    req.resume();
    // Grafana's health check answers without credentials (the panel probes it before anything else).
    if (url.pathname === '/api/health')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(HEALTH));
    if (!authorized)
      return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
    req.on('end', () => route(req, res, url, dashboards, frame));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    dashboards,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
