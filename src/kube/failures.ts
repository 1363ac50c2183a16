import { isRecord } from './objects';
import type { ApiResponse, NetworkFailure } from './transport';

/** What went wrong with one request, classified so callers can decide whether to go on. */
export interface ApiFailure {
  readonly kind:
    'unreachable' | 'cancelled' | 'unauthorized' | 'forbidden' | 'invalid' | 'conflict' | 'notFound' | 'other';
  /** One line a user can act on. */
  readonly message: string;
  /** Every further request would fail the same way: stop instead of trying the rest. */
  readonly fatal: boolean;
  readonly status?: number;
  /** For a field-manager conflict: the contested fields and who owns them. */
  readonly conflicts?: readonly FieldConflict[];
  /** For an invalid object: the fields the server named (server path style). */
  readonly fields?: readonly string[];
  /** The request reached the server but no answer came back (connection lost, timed out, cancelled in flight): it may have been acted on. */
  readonly outcomeUnknown?: boolean;
}

export interface FieldConflict {
  readonly field: string;
  readonly manager: string;
}

/** The request being made, to name it in messages. */
export interface RequestDescription {
  readonly verb: string;
  readonly plural: string;
  readonly group: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface ConnectionInfo {
  readonly server: string;
  readonly contextName: string;
}

export function networkFailure(failure: NetworkFailure, connection: ConnectionInfo): ApiFailure {
  // An exec plugin or auth provider failed: the cluster may be fine, the user has to log in again.
  if (failure.code === 'EAUTH') return { kind: 'unauthorized', fatal: true, message: failure.message };
  const outcomeUnknown = failure.sent === true ? true : undefined;
  if (failure.code === 'ABORT_ERR')
    return {
      kind: 'cancelled',
      fatal: true,
      outcomeUnknown,
      message: outcomeUnknown ? 'cancelled while waiting for the answer' : 'cancelled',
    };
  return {
    kind: 'unreachable',
    message: `${outcomeUnknown ? 'lost the connection to' : 'cannot reach'} the cluster at ${connection.server} (context ${connection.contextName}): ${failure.code}: ${failure.message}`,
    fatal: true,
    outcomeUnknown,
  };
}

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { causes?: { type?: string; message?: string; field?: string }[] };
}

function statusBody(body: unknown): StatusBody {
  if (typeof body === 'string') return { message: body.trim() };
  return isRecord(body) ? body : {};
}

const resourceName = (d: RequestDescription): string => (d.group ? `${d.plural}.${d.group}` : d.plural);
const where = (d: RequestDescription): string =>
  d.namespace === undefined ? 'cluster-wide' : `in namespace "${d.namespace}"`;

/** Turns a non-2xx answer into a failure message that names what the user can fix. */
export function httpFailure(
  response: ApiResponse,
  request: RequestDescription,
  connection: ConnectionInfo,
): ApiFailure {
  const status = statusBody(response.body);
  const serverMessage = status.message ?? `HTTP ${response.status}`;
  switch (response.status) {
    case 401:
      return {
        kind: 'unauthorized',
        status: 401,
        fatal: true,
        message: `credentials for context ${connection.contextName} were rejected (expired?)`,
      };
    case 403:
      return {
        kind: 'forbidden',
        status: 403,
        fatal: false,
        message: `forbidden: cannot ${request.verb} ${resourceName(request)}${request.name ? ` "${request.name}"` : ''} ${where(request)} (${serverMessage})`,
      };
    case 404:
      return { kind: 'notFound', status: 404, fatal: false, message: serverMessage };
    case 409:
      return conflictFailure(status, serverMessage);
    case 400:
    case 422:
      return {
        kind: 'invalid',
        status: response.status,
        fatal: false,
        message: serverMessage,
        fields: causeFields(status),
      };
    default:
      return {
        kind: 'other',
        status: response.status,
        fatal: response.status === 503 || response.status === 502,
        message: `${serverMessage} (HTTP ${response.status})`,
      };
  }
}

function causeFields(status: StatusBody): string[] {
  return (status.details?.causes ?? [])
    .map((c) => c.field)
    .filter((f): f is string => typeof f === 'string' && f !== '');
}

function conflictFailure(status: StatusBody, serverMessage: string): ApiFailure {
  const causes = (status.details?.causes ?? []).filter((c) => c.type === 'FieldManagerConflict');
  if (causes.length === 0) return { kind: 'other', status: 409, fatal: false, message: serverMessage };
  const conflicts = causes.map((c) => ({
    field: c.field ?? '?',
    manager: /conflict with "([^"]+)"/.exec(c.message ?? '')?.[1] ?? 'another manager',
  }));
  const managers = [...new Set(conflicts.map((c) => c.manager))];
  return {
    kind: 'conflict',
    status: 409,
    fatal: false,
    conflicts,
    message: `conflict: ${conflicts.map((c) => c.field).join(', ')} ${conflicts.length === 1 ? 'is' : 'are'} owned by ${managers.map((m) => `"${m}"`).join(', ')}; re-run with force (--force-conflicts) to take them over`,
  };
}
