/** The lint engine's public surface, loaded lazily by the editor and the CLI. */
export { LintEngine, type ClusterLookup, type LintEngineOptions } from './engine';
export { isBinary, looksLikeKubernetes } from './detect';
export { CONFIG_FILE, isIgnored, mergeConfigs, parseConfigFile, type WorkspaceLintConfig } from './config';
export { isHelmSource, memoDirs } from './helm';
export { findHelm, lintRendered, renderChart, type TemplateFinding } from './helmRender';
export { formatSarif, formatText, toRecord, type FindingRecord, type RelatedRecord } from './format';
export { RULE_METAS } from './rules';
export { DISABLE_ANNOTATION } from './suppress';
export type * from './types';
