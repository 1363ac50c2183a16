import { own } from '../../util/own';
import { KIND_SCHEMAS } from '../schema/models';
import type { Rule } from '../rule';
import { apiStatus } from './deprecatedApi';

export const unknownKind: Rule = {
  id: 'unknown-kind',
  defaultSeverity: 'info',
  title: 'No schema for this kind: not checked',
  docs: 'Custom resources and kinds outside the built-in set are skipped rather than guessed at, so they never produce a false error. Their own CRD defines what is valid.',
  crossObject: false,
  check(object, context) {
    if (!object.apiVersion || !object.kind || own(KIND_SCHEMAS, `${object.apiVersion}/${object.kind}`)) return;
    if (apiStatus(object.apiVersion, object.kind)) return;
    context.report({
      range: object.rangeOf(['kind']),
      message: `No schema for ${object.apiVersion} ${object.kind} (a custom resource or a kind this linter does not know): its fields are not checked.`,
    });
  },
};
