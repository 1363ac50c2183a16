import { err, ok, type Result } from '../util/result';
import { getJson, type Endpoint, type HttpFailure } from './endpoint';
import type { PanelRef, Scope, TimeRange } from './model';

export interface DashboardSummary {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly url: string;
}

interface RawPanel {
  id?: unknown;
  title?: unknown;
  type?: unknown;
  panels?: unknown;
  datasource?: unknown;
  fieldConfig?: { defaults?: { unit?: unknown } };
  targets?: { expr?: unknown; datasource?: unknown }[];
}

/** Grafana's HTTP API: provisioned dashboards and their panels; and d-solo URLs for embedding them. */
export class GrafanaClient {
  constructor(readonly endpoint: Endpoint) {}

  async searchDashboards(tag?: string): Promise<Result<DashboardSummary[], HttpFailure>> {
    const answer = await getJson(this.endpoint, '/api/search', { type: 'dash-db', tag, limit: 500 });
    if (!answer.ok) return answer;
    if (!Array.isArray(answer.value)) return err({ status: 200, message: 'unexpected /api/search answer' });
    const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
    return ok(
      answer.value.flatMap((d: { uid?: unknown; title?: unknown; tags?: unknown; url?: unknown }) =>
        typeof d.uid === 'string'
          ? [
              {
                uid: d.uid,
                title: text(d.title, d.uid),
                tags: Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : [],
                url: text(d.url, ''),
              },
            ]
          : [],
      ),
    );
  }

  async panels(dashboard: DashboardSummary): Promise<Result<PanelRef[], HttpFailure>> {
    const answer = await getJson(this.endpoint, `/api/dashboards/uid/${encodeURIComponent(dashboard.uid)}`);
    if (!answer.ok) return answer;
    return ok(panelsOfDashboard(dashboard, (answer.value as { dashboard?: { panels?: unknown } }).dashboard?.panels));
  }

  /** Every panel of every dashboard that concerns the scope. */
  async panelsForScope(scope: Scope): Promise<Result<PanelRef[], HttpFailure>> {
    const dashboards = await this.searchDashboards();
    if (!dashboards.ok) return dashboards;
    const all: PanelRef[] = [];
    for (const dashboard of dashboards.value) {
      const panels = await this.panels(dashboard);
      if (!panels.ok) return panels;
      all.push(...panels.value.filter((p) => panelInScope(p, dashboard, scope)));
    }
    return ok(all);
  }
}

/** The panels of a dashboard's JSON `panels` array, rows flattened. */
export function panelsOfDashboard(dashboard: DashboardSummary, rawPanels: unknown): PanelRef[] {
  return flattenPanels(rawPanels).flatMap((p) => panelRef(dashboard, p));
}

/** Rows nest their panels (collapsed rows keep them in `panels`); the rows themselves are not shown. */
function flattenPanels(raw: unknown): RawPanel[] {
  if (!Array.isArray(raw)) return [];
  return (raw as RawPanel[]).flatMap((p) => (p.type === 'row' ? flattenPanels(p.panels) : [p]));
}

function panelRef(dashboard: DashboardSummary, panel: RawPanel): PanelRef[] {
  if (typeof panel.id !== 'number') return [];
  const exprs = (panel.targets ?? []).flatMap((t) =>
    typeof t.expr === 'string' && isPrometheus(t.datasource ?? panel.datasource) ? [t.expr] : [],
  );
  const unit = panel.fieldConfig?.defaults?.unit;
  return [
    {
      dashboardUid: dashboard.uid,
      dashboardTitle: dashboard.title,
      panelId: panel.id,
      title: typeof panel.title === 'string' ? panel.title : `Panel ${panel.id}`,
      unit: typeof unit === 'string' ? unit : undefined,
      exprs,
    },
  ];
}

function isPrometheus(datasource: unknown): boolean {
  if (datasource === undefined || datasource === null) return true; // the default data source is Prometheus in the stack
  if (typeof datasource === 'string') return /prom/i.test(datasource);
  return (datasource as { type?: unknown }).type === 'prometheus';
}

/** A workload's panels: dashboards tagged with its name, or panels whose PromQL selects it. */
export function panelInScope(panel: PanelRef, dashboard: DashboardSummary, scope: Scope): boolean {
  if (!scope.workload) return true;
  if (dashboard.tags.includes(scope.workload)) return true;
  return panel.exprs.some((e) => e.includes(`"${scope.workload}"`));
}

export function panelKey(panel: Pick<PanelRef, 'dashboardUid' | 'panelId'>): string {
  return `${panel.dashboardUid}/${panel.panelId}`;
}

/** Grafana's solo-panel page for one panel, with the editor's theme and the shared time range. */
export function soloPanelUrl(
  base: string,
  panel: Pick<PanelRef, 'dashboardUid' | 'panelId'>,
  theme: 'light' | 'dark',
  range: TimeRange,
): string {
  const url = new URL(`${base.replace(/\/$/, '')}/d-solo/${encodeURIComponent(panel.dashboardUid)}/`);
  url.searchParams.set('orgId', '1');
  url.searchParams.set('panelId', String(panel.panelId));
  url.searchParams.set('theme', theme);
  url.searchParams.set('from', range.from);
  url.searchParams.set('to', range.to);
  url.searchParams.set('refresh', '30s');
  return url.toString();
}

/**
 * Grafana's own address for a browser outside the editor: the settings URL, or the API server's service proxy
 * (the browser authenticates itself there, e.g. behind `kubectl proxy`). Never the gateway, whose token would leave
 * the webview; never user:password from the settings URL.
 */
export function grafanaBrowserBase(endpoint: Pick<Endpoint, 'baseUrl'>): string {
  const url = new URL(endpoint.baseUrl);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}

/** Grafana Explore with a Loki query, for "open in Grafana". */
export function exploreUrl(base: string, query: string, range: TimeRange): string {
  const left = JSON.stringify({ datasource: 'loki', queries: [{ refId: 'A', expr: query }], range });
  return `${base.replace(/\/$/, '')}/explore?orgId=1&left=${encodeURIComponent(left)}`;
}
