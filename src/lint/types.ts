/** The lint engine's vocabulary: plain data, shared by the CLI and the editor. */

export type Severity = 'error' | 'warning' | 'info';

/** A zero-based position, as editors count: line and UTF-16 column. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A place in a file, for related information and quick-fix edits. */
export interface Location {
  readonly uri: string;
  readonly range: Range;
}

export interface RelatedInfo extends Location {
  readonly message: string;
}

/** A text replacement; an insertion has an empty range. */
export interface TextEdit extends Location {
  readonly newText: string;
}

/** A quick fix as plain data: the editor turns it into a WorkspaceEdit. */
export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly uri: string;
  readonly range: Range;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly QuickFix[];
}

/** What a rule says about itself: the settings, the CLI's SARIF output and the docs read this. */
export interface RuleMeta {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line: what the rule checks. */
  readonly title: string;
  /** Why it matters and how to fix it. */
  readonly docs: string;
}

/** Per-rule configuration: `off` or a severity that replaces the default. */
export type RuleSetting = Severity | 'off';

export interface LintConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}
