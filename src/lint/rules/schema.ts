import { validateSchema } from '../schema/validate';
import type { Rule } from '../rule';
import { apiStatus } from './deprecatedApi';

export const schema: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  title: 'Wrong type, value or missing field for the Kubernetes API',
  docs: 'Checks each document against the OpenAPI schema of its apiVersion and kind (the kubernetes-models validators): field types, allowed values, required fields. The API server rejects such an object. An object of a removed apiVersion is not checked against the old schema of that version: deprecated-api already reports it as refused, and the fields to fix are those of the replacement.',
  crossObject: false,
  check(object, context) {
    if (apiStatus(object.apiVersion, object.kind)?.removedIn !== undefined) return;
    for (const problem of validateSchema(object.value, object.apiVersion, object.kind) ?? []) {
      // A kustomize patch names only what it changes: its missing fields come from the base.
      if (problem.missing && context.partial) continue;
      const range = problem.missing ? object.keyRangeOf(problem.path) : object.rangeOf(problem.path);
      context.report({ range, message: problem.message });
    }
  },
};
