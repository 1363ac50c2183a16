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
import { listenLocal } from './listen';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface GrafanaStandinOptions {
  /** The `authorization` header every request must carry, e.g. "Bearer x"; a 401 otherwise. */
  requiredAuthorization?: string;
  /** Send X-Frame-Options: deny, as Grafana does when allow_embedding is false. */
  denyFraming?: boolean;
  /**
   * Answers a panel's PromQL over a time range (ms) for /api/ds/query, which the solo page then draws as lines
   * (the demo cluster passes its simulated Prometheus); without it the frames are empty.
   */
  query?: (expr: string, fromMs: number, toMs: number) => Array<{ name: string; points: Array<[number, number]> }>;
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
<title>Grafana</title><script defer src="/public/build/app.js"></script></head>
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

/** Asks /api/ds/query for the panel's data and draws each series as a line (a plain SVG, no Grafana code). */
const APP_JS = `const el = document.getElementById('panel');
const params = new URLSearchParams(location.search);
const body = JSON.stringify({ uid: el.dataset.uid, panelId: el.dataset.panel, from: params.get('from'), to: params.get('to') });
const draw = (frames) => {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'sim-chart');
  svg.setAttribute('viewBox', '0 0 400 120');
  svg.setAttribute('style', 'width:100%;height:120px');
  const points = frames.flatMap((f) => f.points);
  const [t0, t1] = [Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0]))];
  const top = Math.max(...points.map((p) => p[1]), 1e-9);
  frames.forEach((f, i) => {
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c'][i % 5]);
    line.setAttribute('points', f.points.map((p) => (((p[0] - t0) / (t1 - t0 || 1)) * 400).toFixed(1) + ',' + (115 - (p[1] / top) * 110).toFixed(1)).join(' '));
    const title = document.createElementNS(ns, 'title');
    title.textContent = f.name;
    line.appendChild(title);
    svg.appendChild(line);
  });
  el.after(svg);
};
fetch('/api/ds/query', { method: 'POST', body, headers: { 'content-type': 'application/json' } })
  .then((r) => r.json()).then((j) => {
    el.textContent = 'panel ok ' + j.results.A.status + (j.results.A.frames.length ? ', ' + j.results.A.frames.length + ' series (simulated)' : '');
    if (j.results.A.frames.length) draw(j.results.A.frames);
  })
  .catch((e) => { el.textContent = 'panel failed ' + e; });`;

/** Grafana's time notation (`now-1h`, `now`, epoch ms) as epoch ms. */
function grafanaTime(value: unknown, now: number): number {
  const rel = /^now(?:-(\d+)([smhd]))?$/.exec(typeof value === 'string' ? value : '');
  if (!rel) return Number(value) || now;
  const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[rel[2] as 's' | 'm' | 'h' | 'd'] ?? 0;
  return now - Number(rel[1] ?? 0) * unit;
}

/** The frames of a panel's queries: its targets' PromQL answered by `query`. */
function panelFrames(dashboards: readonly Dashboard[], body: string, query: GrafanaStandinOptions['query']): unknown[] {
  if (!query) return [];
  let asked: { uid?: unknown; panelId?: unknown; from?: unknown; to?: unknown };
  try {
    asked = JSON.parse(body) as typeof asked;
  } catch {
    return [];
  }
  const panels = (dashboards.find((d) => d.uid === asked.uid)?.panels ?? []) as Array<{
    id?: unknown;
    targets?: Array<{ expr?: unknown }>;
  }>;
  const panel = panels.find((p) => String(p.id) === String(asked.panelId));
  const now = Date.now();
  const [from, to] = [grafanaTime(asked.from ?? 'now-1h', now), grafanaTime(asked.to ?? 'now', now)];
  return (panel?.targets ?? []).flatMap((t) => (typeof t.expr === 'string' ? query(t.expr, from, to) : []));
}

function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  dashboards: Dashboard[],
  frame: Record<string, string>,
  answer: { body: string; query: GrafanaStandinOptions['query'] },
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
    return json(200, { results: { A: { status: 200, frames: panelFrames(dashboards, answer.body, answer.query) } } });
  json(404, { message: 'Not found' });
}

export async function startGrafanaStandin(options: GrafanaStandinOptions = {}): Promise<GrafanaStandin> {
  const dashboards = stackDashboards();
  const requests: SeenRequest[] = [];
  const frame: Record<string, string> = options.denyFraming ? { 'x-frame-options': 'deny' } : {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://grafana');
    const authorized = !options.requiredAuthorization || req.headers.authorization === options.requiredAuthorization;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, authorized, cookie: req.headers.cookie });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // Grafana's health check answers without credentials (the panel probes it before anything else).
    if (url.pathname === '/api/health')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(HEALTH));
    if (!authorized)
      return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
    req.on('end', () =>
      route(req, res, url, dashboards, frame, { body: Buffer.concat(chunks).toString('utf8'), query: options.query }),
    );
  });
  const listening = await listenLocal(server);
  return {
    url: listening.url,
    requests,
    dashboards,
    close: listening.close,
  };
}
