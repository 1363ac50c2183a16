// The command ids the extension registers, in the groups that load together. Free of `vscode`, so a unit test holds
// package.json's `contributes.commands`, these lists and the command classes' ids to one another.

/** The stack commands (their code loads on first run). */
export const STACK_COMMAND_IDS = [
  'starterStack.generateManifests',
  'starterStack.deploy',
  'starterStack.scaffoldProject',
  'starterStack.buildImages',
  'starterStack.checkCluster',
] as const;

/**
 * The Cluster view's row actions (its `view/item/context` menu): each acts on the row it was chosen on. VS Code passes
 * them that row, or, when the row was redrawn as the action was chosen, an explicit `undefined` (see lostRow.ts).
 */
export const TREE_ROW_COMMAND_IDS = [
  'starterStack.showPodLogs',
  'starterStack.showLiveYaml',
  'starterStack.portForward',
  'starterStack.restartRollout',
  'starterStack.scaleWorkload',
  'starterStack.deletePod',
  'starterStack.rollBackToRevision',
  'starterStack.verifyRollingUpdate',
  'starterStack.startLoadTest',
  'starterStack.stopLoadTest',
  'starterStack.deleteStack',
  'starterStack.revealManifest',
  'starterStack.showEvents',
  'starterStack.openInPanel',
  'starterStack.openRouteUrl',
] as const;

/** The commands the live-cluster features own: the Cluster view's row actions, and the view's and status bar's own. */
export const CLUSTER_COMMAND_IDS = [
  ...TREE_ROW_COMMAND_IDS,
  'starterStack.switchContext',
  'starterStack.retryConnection',
] as const;

/** Registered at activation with their code (small). */
export const EAGER_COMMAND_IDS = ['starterStack.openObservability', 'starterStack.lintHelmChart'] as const;

/** Context keys the extension sets, which `when` clauses and the walkthrough's completion events read. */
export const CONTEXT_KEYS = {
  /** True once a deploy from this window finished with every object applied (and, when followed, ready). */
  deployed: 'starterStack.deployed',
} as const;
