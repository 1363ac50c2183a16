import type { LintObject } from './object';
import type { PodTemplate } from './pods';
import type { QuickFix, Range, RelatedInfo, RuleMeta, Severity } from './types';

/** What a rule reports; the engine adds the rule id, the file and the configured severity. */
export interface Report {
  readonly range: Range;
  readonly message: string;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly QuickFix[];
  /** For rules with graded findings (removed vs deprecated API); a configured severity still wins. */
  readonly severity?: Severity;
}

/** The workspace's objects as rules see them; lookups are recorded so edits re-check the referrers. */
export interface ObjectLookup {
  /** The object of a kind and name; an undefined namespace on either side matches any namespace. */
  find(kind: string, namespace: string | undefined, name: string): LintObject | undefined;
  ofKind(kind: string): readonly LintObject[];
  /** Pod templates (workloads and Pods) that may run in a namespace. */
  podTemplates(namespace: string | undefined): readonly PodTemplate[];
}

export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

export interface RuleContext {
  /** The objects of the checked object's application (its kustomization, else its folder). */
  readonly objects: ObjectLookup;
  /** Every object of the workspace: only for hints that something exists in another application. */
  readonly elsewhere: ObjectLookup;
  /** The object is a kustomize patch: a partial object, so missing fields are expected. */
  readonly partial: boolean;
  report(report: Report): void;
  /**
   * Reports a reference to an object absent from the workspace. Objects that may be created out of band
   * (a Secret made by hand) are information unless the connected cluster lacks them too.
   */
  reportMissing(ref: ObjectRef, report: Report): void;
}

export interface Rule extends RuleMeta {
  /** Cross-object rules read other objects; they re-run when those change. */
  readonly crossObject: boolean;
  check(object: LintObject, context: RuleContext): void;
}
