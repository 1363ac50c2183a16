import { own } from '../../util/own';
import { crdProblems, crdsFor, servedVersions, versionOf } from '../crd';
import type { LintObject } from '../object';
import type { Report, Rule, RuleContext } from '../rule';
import { KIND_SCHEMAS } from '../schema/models';
import { fieldPath } from './apiValidation/problems';
import { apiStatus } from './deprecatedApi';

/** `spec.ports[0].port: `, as the API server names a field, where a type or value problem is (unknown and missing fields name themselves). */
function field(path: readonly (string | number)[], missing: string | undefined): string {
  return missing !== undefined || path.length === 0 ? '' : `${fieldPath(path)}: `;
}

/** The findings of an object against one CRD: an unserved version, or its schema's verdicts. */
function against(object: LintObject, crd: LintObject, version: string): Report[] {
  const related = (message: string) => [{ ...crd.location(), message }];
  const found = versionOf(crd, version);
  if (!found?.served) {
    const served = servedVersions(crd).join(', ') || 'none';
    return [
      {
        range: object.rangeOf(['apiVersion']),
        message: `${crd.kind} ${crd.name} does not serve version ${version} (served: ${served}): the API server has no such resource.`,
        related: related(`${crd.kind} ${crd.name}`),
      },
    ];
  }
  if (!found.schema) return [];
  return crdProblems(object.value, found.schema).map((problem) => ({
    range: problem.missing ? object.keyRangeOf(problem.path) : object.rangeOf(problem.path),
    message: `${field(problem.path, problem.missing)}${problem.message.replace(/\.$/, '')} (schema of ${crd.name} ${version}).`,
    related: related(`Schema of ${crd.name} ${version}`),
  }));
}

function check(object: LintObject, context: RuleContext): void {
  const version = object.apiVersion.slice(object.apiVersion.indexOf('/') + 1);
  const own = crdsFor(context.objects, object.apiVersion, object.kind);
  // CRDs and XRDs are cluster-wide: one installed by another application of the workspace defines the kind too.
  const others = crdsFor(context.elsewhere, object.apiVersion, object.kind).filter((c) => !own.includes(c));
  const verdicts = [...own, ...others].map((crd) => against(object, crd, version));
  // Two CRDs for one kind (vendored versions of an operator): only what every one of them rejects is an error.
  if (verdicts.length === 0 || verdicts.some((v) => v.length === 0)) return;
  verdicts[0]?.forEach((report) => context.report(report));
}

/** A kind the linter has no built-in schema for, in an API group: what a CRD may define. */
export function isCustom(object: LintObject): boolean {
  if (!object.apiVersion.includes('/') || !object.kind) return false;
  return !own(KIND_SCHEMAS, `${object.apiVersion}/${object.kind}`) && !apiStatus(object.apiVersion, object.kind);
}

export const customResource: Rule = {
  id: 'custom-resource',
  defaultSeverity: 'error',
  title:
    'A custom resource that breaks the schema of its CustomResourceDefinition (or Crossplane XRD) in the workspace',
  docs: "When the workspace holds the CustomResourceDefinition of a custom resource, the resource is checked against the openAPIV3Schema of its version, as the API server does: field types, enums, required fields (unless defaulted), and unknown fields (except under x-kubernetes-preserve-unknown-fields), which kubectl's strict validation rejects. A version the CRD does not serve is an error too. A Crossplane CompositeResourceDefinition (XRD) counts as the CRDs Crossplane generates from it: its composite resources (`names`) and claims (`claimNames`) are checked against its version's schema, with the fields Crossplane adds to spec (compositionRef, compositionSelector, writeConnectionSecretToRef, …) accepted. Without the CRD or XRD, the resource is not checked (unknown-kind).",
  crossObject: true,
  check(object, context) {
    if (!isCustom(object)) return;
    check(object, context);
  },
};
