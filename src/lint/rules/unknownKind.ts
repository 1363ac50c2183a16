import { own } from '../../util/own';
import { KIND_SCHEMAS } from '../schema/models';
import type { Rule } from '../rule';
import { crdsFor } from '../crd';
import { apiStatus } from './deprecatedApi';

export const unknownKind: Rule = {
  id: 'unknown-kind',
  defaultSeverity: 'info',
  title: 'No schema for this kind: not checked',
  docs: 'Custom resources and kinds outside the built-in set are skipped rather than guessed at, so they never produce a false error. Their own CRD defines what is valid: when the workspace holds it, custom-resource checks them instead.',
  // Cross-object: a CustomResourceDefinition in the workspace makes the kind known.
  crossObject: true,
  check(object, context) {
    if (!object.apiVersion || !object.kind || own(KIND_SCHEMAS, `${object.apiVersion}/${object.kind}`)) return;
    if (apiStatus(object.apiVersion, object.kind)) return;
    if (crdsFor(context.elsewhere, object.apiVersion, object.kind).length > 0) return;
    context.report({
      range: object.rangeOf(['kind']),
      message: `No schema for ${object.apiVersion} ${object.kind} (a custom resource or a kind this linter does not know): its fields are not checked.`,
    });
  },
};
