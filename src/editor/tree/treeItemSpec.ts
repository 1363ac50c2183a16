import type { Localize } from './l10n';

/** A codicon with an optional theme color id (`testing.iconPassed`, `charts.yellow`…). */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

/**
 * What a node shows, as plain data: the provider turns it into a vscode.TreeItem. Keeping the render
 * free of the vscode module lets the node classes be unit-tested with node:test.
 */
export interface TreeItemSpec {
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: IconSpec;
  readonly contextValue: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: { readonly command: string; readonly title: string };
}

/** What every node render gets: translation and the current time (for ages). */
export interface RenderContext {
  readonly t: Localize;
  readonly now: number;
}

/** The common shape of every node class. */
export interface TreeNode {
  /** Stable across refreshes, unique in the tree: `Pod/starter/api-7d…`. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  render(context: RenderContext): TreeItemSpec;
  /**
   * The row without its tooltip, for nodes whose tooltip costs more than the row (pods and containers, most of a big
   * tree): the view draws every row but asks for a tooltip only on hover (resolveTreeItem). `render` = row + tooltip.
   */
  row?(context: RenderContext): TreeItemSpec;
  /** The tooltip `row` leaves out. */
  tooltip?(context: RenderContext): string;
  /** A string that changes exactly when what the node shows changes (ages aside). */
  signature(): string;
  /**
   * Set by the model when it draws the row: the signature, or for pods and containers the view itself. Kept on the
   * node rather than in a map by id: a 50,000-pod tree draws 100,000 rows, each one insertion less.
   */
  shownAs?: string | object;
  /**
   * The ids of the nodes the model made under this one (set by the model): forgetting a deleted object's subtree
   * visits that subtree only. On the node rather than in a map by parent id: most parents are pods with one
   * container, and a 50,000-pod tree inserted 50,000 map entries for them.
   */
  childIds?: string[];
  /** The description last drawn ('' for none), for rows whose age ("5m") the model refreshes on a timer. */
  shownAge?: string;
}

export const ICON_OK: IconSpec = { id: 'pass', color: 'testing.iconPassed' };
export const ICON_WARNING: IconSpec = { id: 'warning', color: 'list.warningForeground' };
export const ICON_ERROR: IconSpec = { id: 'error', color: 'list.errorForeground' };
export const ICON_PENDING: IconSpec = { id: 'loading~spin' };

export { formatAge } from '../../util/age';

/** Escapes text for markdown tooltips: names and server messages must not become links, HTML or formatting. */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}
