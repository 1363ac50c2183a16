import { baseName, dirOf } from './paths';

const CHART_FILES = /^(values[^/]*\.ya?ml|Chart\.ya?ml|Chart\.lock)$/;

/**
 * True for a file that is Helm chart source rather than Kubernetes YAML: under a chart's `templates/`, or its
 * `values*.yaml`, `Chart.yaml` and `Chart.lock`. A chart is a folder holding `Chart.yaml`; its `crds/` and
 * other plain files are still linted. `hasChart` answers whether a folder holds Chart.yaml (callers memoise it).
 */
export async function isHelmSource(path: string, hasChart: (dir: string) => Promise<boolean>): Promise<boolean> {
  const name = baseName(path);
  let relative = name;
  for (let dir = dirOf(path), up = 0; up < 64; up++) {
    if (await hasChart(dir)) return relative.startsWith('templates/') || CHART_FILES.test(relative);
    const parent = dirOf(dir);
    if (parent === dir) return false;
    relative = `${baseName(dir)}/${relative}`;
    dir = parent;
  }
  return false;
}

/** Memoises a folder test (one stat per folder however many files it holds). */
export function memoDirs(test: (dir: string) => Promise<boolean>): (dir: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (dir) => {
    let answer = known.get(dir);
    if (!answer) known.set(dir, (answer = test(dir).catch(() => false)));
    return answer;
  };
}
