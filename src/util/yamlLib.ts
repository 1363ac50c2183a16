/* eslint-disable @typescript-eslint/no-require-imports -- a literal require is what esbuild bundles; it runs on first use. */
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The `yaml` library, evaluated on first use. An `import` from 'yaml' runs its ~7,000 lines when the bundle loads
 * (about 10 ms of every `starter-stack apply`), yet apply reads manifests with js-yaml's fast path and prints a diff
 * only for an object that changes: an ordinary run never needs `yaml`. Modules on apply's path take it from here.
 */
export function yamlLib(): typeof Yaml {
  return (loaded ??= require('yaml') as typeof Yaml);
}
