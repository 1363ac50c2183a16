/** The lint engine's public surface, loaded lazily by the editor and the CLI. */
export { LintEngine, type ClusterLookup, type LintEngineOptions } from './engine';
export { looksLikeKubernetes } from './detect';
export { formatSarif, formatText, toRecord, type FindingRecord } from './format';
export { RULE_METAS } from './rules';
export { DISABLE_ANNOTATION } from './suppress';
export type * from './types';
