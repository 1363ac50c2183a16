// A chart in a temporary folder and a fake `helm` beside it (helm itself is not installable here): by default the
// script answers `helm template CHART` with the folder's rendered.txt, as helm prints it (`# Source:` comments).
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The sh script of a `helm` that prints rendered.txt for `helm template CHART` and fails for anything else. */
export const RENDERS = '[ "$1" = template ] || exit 2\ncat "$2/../rendered.txt"';

/** What `helm template` makes of a template: the release named release-name, `.Values.x` from `values`. */
export function rendered(template: string, values: Record<string, string>): string {
  return template
    .replaceAll('{{ .Release.Name }}', 'release-name')
    .replace(/\{\{ \.Values\.(\w+) \}\}/g, (_, key: string) => values[key] ?? '');
}

/**
 * Writes `files` (paths relative to a new temporary folder) and `bin/helm` running `script` (sh).
 * Returns the folder and the bin folder to put on PATH.
 */
export function fakeHelm(
  prefix: string,
  files: Record<string, string>,
  script = RENDERS,
): { root: string; bin: string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'helm'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'helm'), 0o755);
  return { root, bin };
}
