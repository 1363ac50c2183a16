import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findTemplatesRoot } from '../stack/templates';
import { panelInScope, panelsOfDashboard, type DashboardSummary } from './grafana';
import type { PanelRef, Scope } from './model';

/**
 * The stack's own dashboard panels, read from the shipped template (the grafana-dashboards ConfigMap):
 * the PromQL behind the native charts when Grafana is absent or cannot be embedded.
 */
export async function stackPanels(scope: Scope, templatesRoot: string = findTemplatesRoot()): Promise<PanelRef[]> {
  const text = await readFile(join(templatesRoot, 'manifests', 'grafana', '30-dashboards.yaml'), 'utf8');
  const panels: PanelRef[] = [];
  for (const doc of parseAllDocuments(text)) {
    const data = (doc.toJS() as { data?: Record<string, string> } | null)?.data ?? {};
    for (const json of Object.values(data)) {
      const raw = JSON.parse(json) as { uid?: string; title?: string; tags?: string[]; panels?: unknown };
      if (!raw.uid) continue;
      const summary: DashboardSummary = { uid: raw.uid, title: raw.title ?? raw.uid, tags: raw.tags ?? [], url: '' };
      panels.push(
        ...panelsOfDashboard(summary, raw.panels).filter((p) => p.exprs.length > 0 && panelInScope(p, summary, scope)),
      );
    }
  }
  return panels;
}
