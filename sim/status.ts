// Kubernetes `Status` objects and the error type the simulator throws to produce them.
// Every failure the simulator answers with has the real API server's shape
// (kind Status, apiVersion v1, status Failure, message, reason, code, details) so clients
// (kubectl, @kubernetes/client-node) decode and print them exactly as they would for a real cluster.

export interface StatusCause {
  type?: string;
  message: string;
  field?: string;
}
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class SimError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return statusObject(this.code, this.reason, this.message, this.details);
  }
}

export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
): Record<string, unknown> {
  const status: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) status.details = details;
  return status;
}

export function successStatus(details?: StatusDetails): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/** The resource part of messages: `deployments.apps "web"`, `configmaps "a"` (core group has no suffix). */
export function qualified(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const errors = {
  notFound: (plural: string, group: string, name: string) =>
    new SimError(404, 'NotFound', `${qualified(plural, group)} "${name}" not found`, { name, group, kind: plural }),
  alreadyExists: (plural: string, group: string, name: string) =>
    new SimError(409, 'AlreadyExists', `${qualified(plural, group)} "${name}" already exists`, {
      name,
      group,
      kind: plural,
    }),
  conflict: (plural: string, group: string, name: string) =>
    new SimError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(plural, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, group, kind: plural },
    ),
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) =>
    new SimError(
      422,
      'Invalid',
      `${kind}${group ? '.' + group : ''} "${name}" is invalid: ${causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ')}`,
      { name, group, kind, causes },
    ),
  badRequest: (message: string) => new SimError(400, 'BadRequest', message),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') =>
    new SimError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (type: string) =>
    new SimError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${type})`,
    ),
  unauthorized: () => new SimError(401, 'Unauthorized', 'Unauthorized'),
  gone: (message: string) => new SimError(410, 'Expired', message),
  unprocessable: (message: string) => new SimError(422, 'Invalid', message),
  serviceUnavailable: (message: string) => new SimError(503, 'ServiceUnavailable', message),
  pathNotFound: () => new SimError(404, 'NotFound', 'the server could not find the requested resource'),
};
