import { own } from '../../util/own';
import { KIND_SCHEMAS } from '../schema/models';
import { unknownFields } from '../schema/unknownFields';
import type { Rule } from '../rule';

export const unknownField: Rule = {
  id: 'unknown-field',
  defaultSeverity: 'error',
  title: 'A field the Kubernetes API does not know',
  docs: 'kubectl validates fields strictly: an unknown field (usually a typo or a wrong indentation) makes the apply fail, or is silently dropped with --validate=false. The message suggests the closest known field. In a kustomize patch, strategic-merge directives (`$patch: delete`, `$retainKeys`, `$setElementOrder/…`) are not fields.',
  crossObject: false,
  check(object, context) {
    const root = own(KIND_SCHEMAS, `${object.apiVersion}/${object.kind}`)?.fieldsType;
    if (!root) return;
    for (const unknown of unknownFields(object.value, root, context.partial)) {
      const hint = unknown.suggestion ? ` Did you mean "${unknown.suggestion}"?` : '';
      context.report({ range: object.keyRangeOf(unknown.path), message: `Unknown field "${unknown.field}".${hint}` });
    }
  },
};
